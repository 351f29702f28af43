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
}
