namespace Linkage.Feeds;

/// <summary>The kind-specific <c>data</c> of a feed event.</summary>
[GenerateSerializer, Immutable, Alias("linkage.EventData")]
public abstract record EventData
{
    /// <summary>The event kind this data belongs to.</summary>
    public abstract EventKind Kind { get; }
}
