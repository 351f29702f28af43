using Linkage.Feeds;

namespace Linkage.Client.Http;

/// <summary>The answer of <c>POST /api/v1/ingest</c>: its rejected lines are numbered in the body sent.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<FeedRejection> Rejected, int OptedOut = 0);
