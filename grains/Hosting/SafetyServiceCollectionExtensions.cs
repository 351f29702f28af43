using Linkage.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Hosting;

/// <summary>Drug safety (safety-v1): the sequence symmetry evaluator every index partition runs, and the queries over it.</summary>
public static class SafetyServiceCollectionExtensions
{
    public static IServiceCollection AddLinkageSafety(this IServiceCollection services)
    {
        services.AddIndexQueryEvaluator<SsaEvaluator>();
        services.AddSingleton<SafetyQueries>();
        return services;
    }
}
