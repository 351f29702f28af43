using System.Net;
using Linkage.Client.Http;
using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Tests.Ingestion;

/// <summary>
/// Stands in for <c>POST /api/v1/ingest</c>: parses each body as the API does, keeps what it accepted so that a
/// second sending gives duplicates, rejects the record ids it is told to, and fails the way it is told to.
/// </summary>
internal sealed class FakeIngestApi : IIngestSender
{
    private readonly HashSet<(string Source, string RecordId, int Version)> _stored = [];

    /// <summary>Every body sent, as text, in order (failed attempts included).</summary>
    public List<string> Bodies { get; } = [];

    /// <summary>Record ids the API rejects, with the reason it gives.</summary>
    public Dictionary<string, string> RejectedRecordIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Failures thrown by the next calls, one per call, before the API answers normally again.</summary>
    public Queue<Exception> Failures { get; } = new();

    public int StoredCount => _stored.Count;

    public static LinkageApiException Problem(HttpStatusCode status, string detail = "detail") => new(status, detail);

    public Task<IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken)
    {
        Bodies.Add(System.Text.Encoding.UTF8.GetString(ndjson.Span));
        if (Failures.TryDequeue(out var failure)) return Task.FromException<IngestAnswer>(failure);

        int accepted = 0, duplicates = 0;
        var rejected = new List<FeedRejection>();
        foreach (var line in FeedReader.Read(ndjson))
        {
            if (line.Event is not { } e)
            {
                rejected.Add(line.Rejection!);
            }
            else if (RejectedRecordIds.TryGetValue(e.RecordId, out var reason))
            {
                rejected.Add(new FeedRejection { Line = line.Line, Reason = reason });
            }
            else if (_stored.Add((e.Source, e.RecordId, e.Version)))
            {
                accepted++;
            }
            else
            {
                duplicates++;
            }
        }

        return Task.FromResult(new IngestAnswer(accepted, duplicates, 0, rejected));
    }
}
