using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Linkage.Hosting;
using Linkage.Silo.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Linkage.Silo.Hosting;

/// <summary>Composes Linkage's host: the silo, its storage and streams, the dashboard and the HTTP API.</summary>
public static class LinkageHostBuilderExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the Orleans silo with Linkage's grains, storage, engine, feed stream and the dashboard.</summary>
    public static WebApplicationBuilder AddLinkageSilo(this WebApplicationBuilder builder)
    {
        var clusterSection = builder.Configuration.GetSection(LinkageClusterOptions.SectionName);
        builder.Services.AddOptions<LinkageClusterOptions>().Bind(clusterSection).ValidateDataAnnotations().ValidateOnStart();
        var cluster = clusterSection.Get<LinkageClusterOptions>() ?? new LinkageClusterOptions();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (cluster.Membership == ClusterMembership.Localhost)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort);
                silo.UseAzureStorageClustering(o => o.Configure<IServiceProvider>((options, services) =>
                {
                    options.TableServiceClient = services.GetRequiredService<TableServiceClient>();
                    options.TableName = LinkageStorageNames.MembershipTable(services.GetRequiredService<IOptions<LinkageStorageOptions>>().Value.Prefix);
                }));
            }

            silo.AddLinkage(builder.Configuration);
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>Adds the HTTP API's options, key authentication, role policies, problem details and health checks.</summary>
    public static IServiceCollection AddLinkageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinkageApiOptions>().Bind(configuration.GetSection(LinkageApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkageTokenOptions>().Bind(configuration.GetSection(LinkageTokenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<ProductionSafetyValidation>();
        services.AddSingleton<IValidateOptions<LinkageApiOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());
        services.AddSingleton<IValidateOptions<LinkageTokenOptions>>(sp => sp.GetRequiredService<ProductionSafetyValidation>());

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
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<EngineHealthCheck>("engine", tags: [ReadyTag]);
        return services;
    }

    /// <summary>The HTTP pipeline: problem answers for errors, key authentication, the API, health and the dashboard.</summary>
    public static IApplicationBuilder UseLinkageApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapIngestApi();
            endpoints.MapPeopleApi();
            endpoints.MapLinksApi();
            endpoints.MapFeedsApi();
            endpoints.MapHealthChecks("/health/live", new() { Predicate = _ => false });
            endpoints.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains(ReadyTag) });
            endpoints.MapOrleansDashboard(routePrefix: "/dashboard");
        });
        return app;
    }
}
