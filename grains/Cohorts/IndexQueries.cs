using System.Collections.Immutable;
using Linkage.Engine;
using Linkage.Partitions;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// The one fan-out of the analytics over the live index: every partition answers an <see cref="IndexQuery"/> with
/// its evaluator, and the caller merges the partials. Like cohort counts, a query never activates a component grain
/// and sees every record acknowledged before it began.
/// </summary>
public sealed class IndexQueries(PartitionGrains<IPeopleIndexGrain> partitions, EngineGate gate, IOptions<LinkageCohortOptions> options)
{
    /// <summary>Every partition's partial, in partition order.</summary>
    /// <exception cref="EngineUnavailableException">The cluster is recovering from its logs; the index may not hold everything acknowledged yet.</exception>
    public async Task<ImmutableArray<TPartial>> RunAsync<TPartial>(IndexQuery query, CancellationToken cancellationToken = default)
        where TPartial : IndexPartial
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await gate.WaitOpenAsync(options.Value.RecoveryWait, cancellationToken))
        {
            throw new EngineUnavailableException(gate.Reason, TimeSpan.FromSeconds(2));
        }

        var partials = await partitions.AllAsync(p => p.Run(query));
        return [.. partials.Select(p => p as TPartial ?? throw new InvalidOperationException($"a partition answered {query.GetType().Name} with {p?.GetType().Name ?? "null"}, not {typeof(TPartial).Name}"))];
    }
}
