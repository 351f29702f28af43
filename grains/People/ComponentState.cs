using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>A component's snapshot: its records' latest versions, the history of its people, and where it went if merged.</summary>
[GenerateSerializer, Alias("linkage.ComponentState")]
public sealed class ComponentState
{
    /// <summary>Latest version of each record, retracted ones kept as tombstones so older versions stay duplicates.</summary>
    [Id(1)] public List<FeedEvent> Records { get; set; } = [];

    [Id(2)] public List<LinkageChange> History { get; set; } = [];

    /// <summary>Set once this component has been merged into a smaller one.</summary>
    [Id(4)] public ComponentId? ForwardTo { get; set; }

    /// <summary>Anchors (mid, id1, unambiguous id2) of people who opted out: records carrying them are refused.</summary>
    [Id(5)] public HashSet<string> OptedOut { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Set when this snapshot was written before the index partition took the people it holds (the publish failed):
    /// the next activation publishes them first, since a batch sent again finds only duplicates here.
    /// </summary>
    [Id(6)] public bool IndexStale { get; set; }
}
