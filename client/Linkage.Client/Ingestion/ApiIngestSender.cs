using Linkage.Client.Http;
using Linkage.Ingest;

namespace Linkage.Client.Ingestion;

/// <summary>Sends batches to <c>POST /api/v1/ingest</c> through a <see cref="LinkageApiClient"/>.</summary>
public sealed class ApiIngestSender(LinkageApiClient api) : IIngestSender
{
    public Task<IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken) =>
        api.IngestAsync(ndjson, cancellationToken);
}
