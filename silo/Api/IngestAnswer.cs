using Linkage.Feeds;

namespace Linkage.Silo.Api;

/// <summary>The answer to <c>POST /api/v1/ingest</c>.</summary>
public sealed record IngestAnswer(int Accepted, int Duplicates, int OptedOut, IReadOnlyList<FeedRejection> Rejected);
