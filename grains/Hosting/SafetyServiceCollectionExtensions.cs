using Linkage.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Hosting;

/// <summary>Drug safety (safety-v1): the evaluators every index partition runs (sequence symmetry, monitors), and the queries over them.</summary>
public static class SafetyServiceCollectionExtensions
{
    public static IServiceCollection AddLinkageSafety(this IServiceCollection services)
    {
        services.AddIndexQueryEvaluator<SsaEvaluator>();
        services.AddIndexQueryEvaluator<MonitorEvaluator>();
        services.AddSingleton<SafetyQueries>();
        services.AddSingleton<SafetyMonitors>();
        return services;
    }
}
