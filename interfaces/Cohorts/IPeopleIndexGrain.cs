using System.Collections.Immutable;
using Linkage.Linking;

namespace Linkage.Cohorts;

/// <summary>
/// One partition of the live cohort index: the people of the components that hash to it (<see cref="IndexPartitions"/>),
/// as their component grains last described them. Queries count here and never activate a component grain.
/// </summary>
[Alias("linkage.IPeopleIndexGrain")]
public interface IPeopleIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Replaces what the partition holds for each update's component.</summary>
    [Alias("Apply")]
    Task Apply(ImmutableArray<IndexUpdate> updates);

    /// <summary>Counts this partition's people for a definition, before small cells are suppressed.</summary>
    [Alias("Count")]
    Task<CohortTally> Count(CohortDefinition definition);

    /// <summary>Answers an analytic's question over this partition's people (the evaluator registered for its type).</summary>
    /// <exception cref="ArgumentException">No evaluator is registered for the query's type.</exception>
    [Alias("Run")]
    Task<IndexPartial> Run(IndexQuery query);

    /// <summary>The components this partition holds people of.</summary>
    [Alias("GetComponents")]
    Task<ImmutableArray<ComponentId>> GetComponents();

    /// <summary>Opt-out: rewrites the journal as one snapshot of what the partition holds now, so no older record of a purged person stays.</summary>
    [Alias("Compact")]
    [ResponseTimeout("00:02:00")]
    Task Compact();

    /// <summary>Writes what changed since the last flush to the partition's journal.</summary>
    /// <remarks>Interleaves with the other calls, so that a slow append holds no ingest or query up.</remarks>
    [Alias("Flush")]
    [ResponseTimeout("00:02:00")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task Flush();
}
