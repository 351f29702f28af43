using Linkage.Ingest;

namespace Linkage.Diagnostics;

/// <summary>One reading of a feed stream queue: messages waiting and how long the oldest has waited.</summary>
public readonly record struct FeedQueueObservation(long Messages, TimeSpan OldestAge);
