using Linkage.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Linkage.Silo.Hosting;

/// <summary>Linkage's metrics through OpenTelemetry: the <see cref="LinkageMetrics"/> meter in the Prometheus text format, and the operations page that reads it.</summary>
public static class LinkageTelemetryExtensions
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The operations page (<c>wwwroot/operations/</c>), which polls <see cref="MetricsPath"/>.</summary>
    public const string OperationsPath = "/operations/";

    /// <summary>Series an instrument of the Linkage meter keeps apart (sources × kinds, for example).</summary>
    public const int MetricSeriesLimit = 10_000;

    public static IServiceCollection AddLinkageTelemetry(this IServiceCollection services)
    {
        services.AddLinkageMetrics();
        var meterName = (LinkageMeterName)services.Single(d => d.ServiceType == typeof(LinkageMeterName)).ImplementationInstance!;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("linkage", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
            .AddMeter(meterName.Value)
            // Series by source: OpenTelemetry's default of 2,000 per instrument folds the rest into an overflow series,
            // which a nation's databases times event kinds can pass.
            .AddView("linkage.*", new MetricStreamConfiguration { CardinalityLimit = MetricSeriesLimit })
            // Every scrape reads the instruments afresh, so a page polling every few seconds sees each change.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Serves the static pages (the operations page; index.html for a folder).</summary>
    public static IApplicationBuilder UseLinkagePages(this IApplicationBuilder app)
    {
        // DefaultFiles serves index.html for "/operations/" and redirects "/operations" there.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>Maps <see cref="MetricsPath"/>.</summary>
    public static IEndpointConventionBuilder MapLinkageTelemetry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
}
