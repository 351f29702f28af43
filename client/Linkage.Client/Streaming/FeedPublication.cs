namespace Linkage.Client.Streaming;

/// <summary>How much of a file has been published so far.</summary>
public readonly record struct FeedPublication(int Batches, long Lines);
