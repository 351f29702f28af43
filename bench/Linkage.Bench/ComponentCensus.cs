using Linkage.People;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Bench;

/// <summary>
/// Component grains per generated person after a pass (none has been idle long enough to be collected yet, so this is
/// every activation the pass made), and how many of them were merged away: what the resolve costs in activations.
/// </summary>
public static class ComponentCensus
{
    public static async Task<string> OfAsync(BenchSilo silo, int people)
    {
        var statistics = await silo.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var active = statistics.Where(s => s.GrainType.Contains(nameof(ComponentGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var merged = silo.Services.GetRequiredService<ComponentForwards>().Count;
        return $"components: {active:N0} active ({(double)active / people:N2} per person), {merged:N0} merged away ({(double)merged / people:N2} per person)";
    }
}
