using Linkage.Cohorts;
using Linkage.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting;

/// <summary>Drug safety (safety-v1): the evaluators every index partition runs (sequence symmetry, monitors), and the queries over them.</summary>
public static class SafetyServiceCollectionExtensions
{
    public static IServiceCollection AddLinkageSafety(this IServiceCollection services)
    {
        // Each silo takes the people's cell keys with the deployment's own secret, as its cohort index does.
        services.AddIndexQueryEvaluator(sp => new SsaEvaluator(sp.GetRequiredService<IOptions<LinkageCohortOptions>>().Value.CellPerturbation()));
        services.AddIndexQueryEvaluator<MonitorEvaluator>();
        services.AddSingleton<SafetyQueries>();
        services.AddSingleton<SafetyMonitors>();
        return services;
    }
}
