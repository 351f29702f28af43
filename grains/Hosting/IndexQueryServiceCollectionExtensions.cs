using Linkage.Cohorts.Index;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Linkage.Hosting;

/// <summary>Registers the evaluators that index partitions answer analytics' <see cref="Cohorts.IndexQuery"/>s with.</summary>
public static class IndexQueryServiceCollectionExtensions
{
    /// <summary>Adds an evaluator for its query type (once, however often it is added).</summary>
    public static IServiceCollection AddIndexQueryEvaluator<TEvaluator>(this IServiceCollection services)
        where TEvaluator : class, IIndexQueryEvaluator
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIndexQueryEvaluator, TEvaluator>());
        return services;
    }

    /// <summary>Adds an evaluator made by <paramref name="create"/> (one that needs the silo's settings), once.</summary>
    public static IServiceCollection AddIndexQueryEvaluator<TEvaluator>(this IServiceCollection services, Func<IServiceProvider, TEvaluator> create)
        where TEvaluator : class, IIndexQueryEvaluator
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIndexQueryEvaluator, TEvaluator>(create));
        return services;
    }
}
