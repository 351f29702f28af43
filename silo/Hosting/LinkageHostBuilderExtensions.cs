using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Hosting;
using Linkage.Silo.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Linkage.Silo.Hosting;

/// <summary>Composes Linkage's host: the silo, its storage, engine and streams, the dashboard and the HTTP API.</summary>
public static class LinkageHostBuilderExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the Orleans silo with Linkage's clustering, grains, storage, engine, feed stream and the dashboard.</summary>
    public static WebApplicationBuilder AddLinkageSilo(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo =>
        {
            silo.AddLinkageClustering(builder.Configuration);
            silo.AddLinkage(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>Adds the HTTP API's options, key authentication, role policies, per-key rate limits, problem answers, health checks, metrics and the OpenAPI document.</summary>
    public static IServiceCollection AddLinkageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLinkageOptions<LinkageApiOptions>(configuration, LinkageApiOptions.SectionName);
        services.AddLinkageOptions<LinkageRateLimitOptions>(configuration, LinkageRateLimitOptions.SectionName);
        services.AddLinkageOptions<LinkageTokenOptions>(configuration, LinkageTokenOptions.SectionName);
        services.AddLinkageTelemetry();
        services.AddSingleton<ProductionSafetyValidation>();
        services.AddSingleton<IValidateOptions<LinkageApiOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        services.AddSingleton<IValidateOptions<LinkageTokenOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        services.AddSingleton<IValidateOptions<Linkage.Testing.LinkageTestingOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());

        services.AddRouting();
        services.AddProblemDetails();
        services.AddExceptionHandler<EngineProblemHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new FeedEventJsonConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var role in ApiRoles.All) o.AddPolicy(role, p => p.RequireRole(role));
        });
        services.AddApiKeyRateLimiting();
        services.AddLinkageOpenApi();
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<EngineHealthCheck>("engine", tags: [ReadyTag]);
        return services;
    }

    /// <summary>The HTTP pipeline, the same in the host and in test silos: problem answers, key authentication, per-key rate limits, the API, health, metrics, pages, the OpenAPI document and the dashboard.</summary>
    public static IApplicationBuilder UseLinkageApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLinkagePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapIngestApi();
            endpoints.MapPeopleApi();
            endpoints.MapLinksApi();
            endpoints.MapFeedsApi();
            endpoints.MapCohortsApi();
            endpoints.MapAuditApi();
            endpoints.MapOptOutApi();
            endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
            endpoints.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
            endpoints.MapLinkageTelemetry();
            endpoints.MapLinkageOpenApi();
            endpoints.MapOrleansDashboard(routePrefix: "/dashboard");
        });
        return app;
    }
}
