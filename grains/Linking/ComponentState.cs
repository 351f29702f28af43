using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>Stored state of a component: its records' latest versions and the history of its people.</summary>
[GenerateSerializer, Alias("linkage.ComponentState")]
public sealed class ComponentState
{
    /// <summary>Set once this component has been merged into a smaller one.</summary>
    [Id(0)] public string? ForwardTo { get; set; }

    /// <summary>Latest version of each record, retracted ones kept as tombstones so older versions stay duplicates.</summary>
    [Id(1)] public List<FeedEvent> Records { get; set; } = [];

    [Id(2)] public List<LinkageChange> History { get; set; } = [];

    /// <summary>True while this component is listed in the component directory.</summary>
    [Id(3)] public bool Listed { get; set; }
}
