using Linkage.Client.Http;
using Linkage.Ingest;

namespace Linkage.Client.Ingestion;

/// <summary>Where <see cref="FeedIngestion"/> sends a batch of events-v1 NDJSON: the API, or a fake in tests.</summary>
public interface IIngestSender
{
    /// <summary>Sends one NDJSON body; throws <see cref="LinkageApiException"/> on a problem answer, <see cref="HttpRequestException"/> when nothing answers.</summary>
    Task<IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken);
}
