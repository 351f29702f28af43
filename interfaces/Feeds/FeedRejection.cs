namespace Linkage.Feeds;

/// <summary>A feed line that was not taken in: its 1-based line number and a reason that names the field first.</summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedRejection")]
public sealed record FeedRejection
{
    /// <summary>1-based line number in the feed, counting blank lines too.</summary>
    [Id(0)] public required int Line { get; init; }

    /// <summary>Why, e.g. <c>date: "2023-02-29" is not a real date (YYYY-MM-DD)</c>.</summary>
    [Id(1)] public required string Reason { get; init; }
}
