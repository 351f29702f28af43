namespace Linkage.Feeds;

/// <summary>One events-v1 record: a version of (source, recordId) about one subject.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.FeedEvent")]
public sealed record FeedEvent
{
    [Id(0)] public required string Source { get; init; }

    [Id(1)] public required string RecordId { get; init; }

    [Id(2)] public required int Version { get; init; }

    [Id(3)] public required EventKind Kind { get; init; }

    /// <summary>The clinical date.</summary>
    [Id(4)] public required DateOnly Date { get; init; }

    /// <summary>True when this version withdraws the record.</summary>
    [Id(5)] public bool Retracted { get; init; }

    [Id(6)] public required Subject Subject { get; init; }

    /// <summary>Kind-specific data; absent only on a retraction that gives none.</summary>
    [Id(7)] public EventData? Data { get; init; }

    /// <summary>The record this event is a version of.</summary>
    public RecordKey Key => new(Source, RecordId);
}
