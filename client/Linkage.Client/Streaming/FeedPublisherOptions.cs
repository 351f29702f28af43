namespace Linkage.Client.Streaming;

/// <summary>How the publisher cuts files into stream batches.</summary>
public sealed record FeedPublisherOptions
{
    /// <summary>Lines per batch at most.</summary>
    public int BatchLines { get; init; } = 200;

    /// <summary>Characters per batch at most: an Azure queue message holds 64 KiB.</summary>
    public int BatchChars { get; init; } = 40_000;

    /// <summary>Streams per source, so that several consumer grains share a big file.</summary>
    public int StreamsPerSource { get; init; } = 8;
}
