using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Hosting;
using Linkage.Silo.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Linkage.Silo.Hosting;

/// <summary>Composes Linkage's host: the silo, its storage and streams, the dashboard and the HTTP API.</summary>
public static class LinkageHostBuilderExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the Orleans silo with Linkage's grains, storage, feed stream and the dashboard.</summary>
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

    /// <summary>Adds the HTTP API's options, key authentication, role policies, problem details and health checks.</summary>
    public static WebApplicationBuilder AddLinkageApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddLinkageOptions<LinkageApiOptions>(builder.Configuration, LinkageApiOptions.SectionName);
        builder.Services.AddLinkageOptions<LinkageTokenOptions>(builder.Configuration, LinkageTokenOptions.SectionName);
        builder.AddLinkageTelemetry();
        builder.Services.AddSingleton<ProductionSafetyValidation>();
        builder.Services.AddSingleton<IValidateOptions<LinkageApiOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        builder.Services.AddSingleton<IValidateOptions<LinkageTokenOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new FeedEventJsonConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o =>
        {
            foreach (var role in ApiRoles.All) o.AddPolicy(role, p => p.RequireRole(role));
        });
        // The storage check is made per probe from the StorageAccount singleton, which a front without a silo does not have.
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>Maps the API, the health endpoints and the dashboard.</summary>
    public static WebApplication MapLinkage(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapIngestApi();
        app.MapPeopleApi();
        app.MapLinksApi();
        app.MapFeedsApi();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapLinkageTelemetry();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        return app;
    }
}
