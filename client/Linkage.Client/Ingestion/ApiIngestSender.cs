using Linkage.Client.Http;

namespace Linkage.Client.Ingestion;

/// <summary>Sends batches to <c>POST /api/v1/ingest</c> through a <see cref="LinkageApiClient"/>.</summary>
public sealed class ApiIngestSender(LinkageApiClient api) : IIngestSender
{
    public Task<IngestResult> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken) =>
        api.IngestAsync(ndjson, cancellationToken);
}
