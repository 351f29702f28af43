using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Linkage.Diagnostics;

/// <summary>Registers <see cref="LinkageMetrics"/> once, for the silo's grains and the API alike.</summary>
public static class LinkageMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddLinkageMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(LinkageMeterName.ForNewHost());
        services.TryAddSingleton<LinkageMetrics>();
        return services;
    }
}
