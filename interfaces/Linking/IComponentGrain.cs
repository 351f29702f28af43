using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>
/// A component of the record-token graph: every record that the linkage rules could ever
/// need to look at together. It holds their current versions and computes their people.
/// </summary>
/// <remarks>
/// Components only merge, always into the one with the ordinally smaller id, and a merged
/// component forwards to its survivor: calls only go from larger to smaller ids, so merges
/// running at the same time cannot deadlock and converge on one survivor.
/// </remarks>
[Alias("linkage.IComponentGrain")]
public interface IComponentGrain : IGrainWithStringKey
{
    /// <summary>Applies versions of records; or says where this component was merged to.</summary>
    [Alias("Add")]
    Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events);

    /// <summary>The component this one was merged into, or null while it is a survivor.</summary>
    [Alias("Forward")]
    Task<string?> GetForward();

    /// <summary>Moves every record of this component into <paramref name="survivor"/> (a smaller id) and forwards there.</summary>
    [Alias("MergeInto")]
    Task MergeInto(string survivor);

    /// <summary>Takes the records of a component being merged into this one.</summary>
    [Alias("Absorb")]
    Task<string?> Absorb(ComponentTransfer transfer);

    /// <summary>The people that hold <paramref name="token"/> (several only for an ambiguous id2).</summary>
    [Alias("ByToken")]
    Task<ImmutableArray<PersonView>> GetPeopleByToken(string token);

    /// <summary>The person an anchor (a person id without its prefix) belongs to now.</summary>
    [Alias("ByAnchor")]
    Task<PersonView?> GetPersonByAnchor(string anchor);

    /// <summary>One link per current record.</summary>
    [Alias("Links")]
    Task<ImmutableArray<RecordLink>> GetLinks();
}
