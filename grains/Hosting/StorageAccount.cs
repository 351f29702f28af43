using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting;

/// <summary>
/// Linkage's Azure Storage account: the table, blob and queue clients built once from the validated
/// <see cref="LinkageStorageOptions"/>, shared by clustering, grain storage, the feed stream and the health checks.
/// </summary>
public sealed class StorageAccount(IOptions<LinkageStorageOptions> options)
{
    private readonly LinkageStorageOptions _options = options.Value;

    /// <summary>The prefix of every table, container and queue (see <see cref="ClusterNames"/>).</summary>
    public string Prefix => _options.Prefix;

    public TableServiceClient Tables { get; } = new(options.Value.ConnectionString);

    public BlobServiceClient Blobs { get; } = new(options.Value.ConnectionString);

    public QueueServiceClient Queues { get; } = new(options.Value.ConnectionString);
}
