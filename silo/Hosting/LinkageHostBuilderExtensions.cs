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

    /// <summary>Adds the HTTP API's options, key authentication, the fallback policy refusing endpoints without a role, per-key and per-address rate limits, problem answers, health checks, metrics and the OpenAPI document.</summary>
    public static IServiceCollection AddLinkageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLinkageOptions<LinkageApiOptions>(configuration, LinkageApiOptions.SectionName);
        services.AddLinkageOptions<LinkageRateLimitOptions>(configuration, LinkageRateLimitOptions.SectionName);
        services.AddLinkageOptions<LinkageOperationsOptions>(configuration, LinkageOperationsOptions.SectionName);
        services.AddLinkageTelemetry();
        services.AddSingleton<ProductionSafetyValidation>();
        services.AddSingleton<IValidateOptions<LinkageApiOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        services.AddSingleton<IValidateOptions<Linkage.Testing.LinkageTestingOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        services.AddSingleton<IValidateOptions<Linkage.Cohorts.LinkageBenchmarkOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());

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
        services.AddAuthorization(o => o.FallbackPolicy = LinkageRoutes.FallbackPolicy);
        services.AddApiKeyRateLimiting();
        services.AddLinkageOpenApi();
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [LinkageRoutes.ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [LinkageRoutes.ReadyTag])
            .AddCheck<EngineHealthCheck>("engine", tags: [LinkageRoutes.ReadyTag]);
        return services;
    }

    /// <summary>The HTTP pipeline, the same in the host and in test silos: problem answers, pages, the operations networks' gate, key authentication, rate limits, authorization and the routes of <see cref="LinkageRoutes"/>.</summary>
    public static IApplicationBuilder UseLinkageApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLinkagePages();
        app.UseRouting();
        app.UseOperationsNetworks();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseEndpoints(endpoints => endpoints.MapLinkageRoutes());
        return app;
    }
}
