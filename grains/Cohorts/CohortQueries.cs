using System.Diagnostics;
using Linkage.Diagnostics;
using Linkage.Disclosure;
using Linkage.Engine;
using Linkage.Partitions;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// Answers cohort-v1 queries over the live index: every partition counts its people, the tallies add up, and small
/// cells are suppressed with the server's floor. A query never activates a component grain, and it sees every record
/// acknowledged before it began, since acknowledging waits for the index.
/// </summary>
public sealed class CohortQueries(
    PartitionGrains<IPeopleIndexGrain> partitions,
    EngineGate gate,
    LinkageMetrics metrics,
    TimeProvider clock,
    IOptions<LinkageCohortOptions> options)
{
    private readonly CellPerturbation? _perturbation = options.Value.CellPerturbation();

    /// <summary>The floor under every definition's <c>minCell</c>.</summary>
    public int MinCellFloor => options.Value.MinCellFloor;

    /// <exception cref="EngineUnavailableException">The cluster is recovering from its logs; the index may not hold everything acknowledged yet.</exception>
    public async Task<CohortAnswer> CountAsync(CohortDefinition definition, CancellationToken cancellationToken = default)
    {
        if (!await gate.WaitOpenAsync(options.Value.RecoveryWait, cancellationToken))
        {
            throw new EngineUnavailableException(gate.Reason, TimeSpan.FromSeconds(2));
        }

        var started = Stopwatch.StartNew();
        var asOf = clock.GetUtcNow();
        var tallies = await partitions.AllAsync(p => p.Count(definition));
        var answer = CohortAnswers.Publish(definition, CohortTallies.Sum(tallies), asOf, MinCellFloor, _perturbation);
        metrics.CohortQueried(started.Elapsed);
        return answer;
    }
}
