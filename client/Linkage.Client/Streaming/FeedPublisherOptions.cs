namespace Linkage.Client.Streaming;

/// <summary>How the publisher cuts files into stream batches and batches into queue messages.</summary>
public sealed record FeedPublisherOptions
{
    /// <summary>
    /// An Azure queue message holds 64 KiB, base64-encoded by Orleans: 48 KiB of serialized batches, less the envelope
    /// (FeedStreamTests serializes a full message as the Azure queue adapter does and checks it fits).
    /// </summary>
    public const int MaxMessageBytes = 36_000;

    /// <summary>Lines per batch at most (one ledger entry each).</summary>
    public int BatchLines { get; init; } = 500;

    /// <summary>Characters per batch at most, before packing.</summary>
    public int BatchChars { get; init; } = 250_000;

    /// <summary>Packed bytes per message at most: batches of one stream are sent together (<c>OnNextBatchAsync</c>) up to this.</summary>
    public int MessageBytes { get; init; } = MaxMessageBytes;

    /// <summary>Streams per source, so that several consumer grains share a big file.</summary>
    public int StreamsPerSource { get; init; } = 8;

    /// <summary>Messages being sent at once.</summary>
    public int MessagesInFlight { get; init; } = 8;
}
