using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>The records and history a merged component hands to its survivor.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.ComponentTransfer")]
public sealed record ComponentTransfer
{
    [Id(0)] public required ComponentId From { get; init; }

    /// <summary>Latest version of each record, retractions included so that older versions stay duplicates.</summary>
    [Id(1)] public required ImmutableArray<FeedEvent> Records { get; init; }

    [Id(2)] public required ImmutableArray<LinkageChange> History { get; init; }

    /// <summary>Anchors of people who opted out: the survivor refuses them too.</summary>
    [Id(3)] public ImmutableArray<string> OptedOut { get; init; } = [];
}
