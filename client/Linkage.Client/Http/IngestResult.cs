namespace Linkage.Client.Http;

/// <summary>The answer of <c>POST /api/v1/ingest</c>.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<IngestRejection> Rejected);
