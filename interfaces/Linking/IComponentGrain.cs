using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>
/// A component of the record-token graph: every record that the linkage rules could ever need to look at together.
/// It holds their current versions, computes their people, and tells its index partition what they look like.
/// </summary>
/// <remarks>
/// Components only merge, always into the smaller id, and a merged component forwards to its survivor: calls between
/// components go from larger to smaller ids only, so concurrent merges cannot deadlock and converge on one survivor.
/// Changes live in memory, held durably by the ingest log until the next checkpoint has <see cref="Flush"/>ed them into
/// the snapshot; merges too: a merged component writes its forward only after its survivor's snapshot holds the records
/// it handed over, so a stored forward never points at a snapshot without them, and until then a crash replays the
/// batch that merged them, which finds the merged component's stored records and merges again.
/// </remarks>
[Alias("linkage.IComponentGrain")]
public interface IComponentGrain : IGrainWithIntegerKey
{
    /// <summary>Applies versions of records; or, when this component was merged away, says where to send them instead.</summary>
    [Alias("AddRecords")]
    Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events, ApplyMode mode);

    /// <summary>
    /// <see cref="AddRecords(ImmutableArray{FeedEvent}, ApplyMode)"/>; <paramref name="minted"/> when the key directory has
    /// just minted this component for these records (none of their keys was known), so it has no snapshot to read first.
    /// </summary>
    [Alias("AddRecordsMinted")]
    Task<ComponentAddResult> AddRecords(ImmutableArray<FeedEvent> events, ApplyMode mode, bool minted);

    /// <summary>The component this one was merged into, or null while it is a survivor.</summary>
    [Alias("GetForward")]
    Task<ComponentId?> GetForward();

    /// <summary>
    /// Moves every record of this component into <paramref name="survivor"/> (a smaller id) and forwards there;
    /// null when done, or the component this one had already been merged into.
    /// </summary>
    [Alias("MergeInto")]
    Task<ComponentId?> MergeInto(ComponentId survivor);

    /// <summary>
    /// Takes the records of a component being merged into this one, in memory until the next flush, leaving out what a person
    /// opted out of; or says where this one went. Taking the same records again finds duplicates.
    /// </summary>
    [Alias("Absorb")]
    Task<ComponentId?> Absorb(ComponentTransfer transfer);

    /// <summary>Writes the snapshot if anything changed since the last one.</summary>
    /// <remarks>Interleaves with the other calls, so that a slow snapshot write holds no ingest up (a checkpoint's flush would otherwise delay every batch that touches the component).</remarks>
    [Alias("Flush")]
    [ResponseTimeout("00:02:00")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task Flush();

    /// <summary>The people that hold <paramref name="token"/> (several only for an ambiguous id2).</summary>
    [Alias("GetPeopleByToken")]
    Task<ImmutableArray<PersonView>> GetPeopleByToken(string token);

    /// <summary>The person that the anchor of <paramref name="id"/> belongs to now (whose id may differ after a merge or split).</summary>
    [Alias("GetPerson")]
    Task<PersonView?> GetPerson(PersonId id);

    /// <summary>
    /// Opt-out: removes every record of the person holding <paramref name="token"/>, writes the snapshot at once, and from
    /// now on refuses records carrying that person's anchors (mid, id1, unambiguous id2); or says where this component went.
    /// </summary>
    [Alias("Purge")]
    Task<PurgeResult> Purge(string token);

    /// <summary>One link per current record.</summary>
    [Alias("GetLinks")]
    Task<ImmutableArray<RecordLink>> GetLinks();
}
