using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Ingest;

/// <summary>What an ingest did with the lines it read: the tally of the valid ones, and the rejected ones with their reasons.</summary>
public sealed record IngestOutcome(IngestTally Tally, IReadOnlyList<FeedRejection> Rejected);
