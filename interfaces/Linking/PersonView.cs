using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>A person's linked record as the API shows it: tokens, current records and history.</summary>
[GenerateSerializer, Immutable, Alias("linkage.PersonView")]
public sealed record PersonView
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required ImmutableArray<string> Tokens { get; init; }

    [Id(2)] public required ImmutableArray<FeedEvent> Records { get; init; }

    [Id(3)] public required ImmutableArray<LinkageChange> History { get; init; }
}
