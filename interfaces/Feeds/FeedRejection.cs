namespace Linkage.Feeds;

/// <summary>A line that was not accepted: its number and a reason that names the field.</summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedRejection")]
public sealed record FeedRejection
{
    [Id(0)] public required int Line { get; init; }

    [Id(1)] public required string Reason { get; init; }
}
