namespace Linkage.Client.Streaming;

/// <summary>How much of a file has been published so far: batches (one ledger entry each), lines, and the queue messages that carried them.</summary>
public readonly record struct FeedPublication(int Batches, long Lines, int Messages = 0);
