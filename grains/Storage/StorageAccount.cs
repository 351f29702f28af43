using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Linkage.Hosting;
using Linkage.Testing;
using Microsoft.Extensions.Options;

namespace Linkage.Storage;

/// <summary>
/// Linkage's Azure Storage account: the table, blob and queue clients built once from the validated
/// <see cref="LinkageStorageOptions"/>, shared by clustering, grain storage, the engine's logs and snapshots, the feed
/// stream and the health checks. They retry briefly, so that an outage is answered within seconds.
/// </summary>
public sealed class StorageAccount(IOptions<LinkageStorageOptions> options, CrashHook? crash = null, StorageRequests? requests = null)
{
    private readonly LinkageStorageOptions _options = options.Value;

    /// <summary>The prefix of every table, container and queue (see <see cref="ClusterNames"/>).</summary>
    public string Prefix => _options.Prefix;

    public TableServiceClient Tables { get; } = new(options.Value.ConnectionString, Configure(new TableClientOptions(), options.Value, crash, requests, "table"));

    public BlobServiceClient Blobs { get; } = new(options.Value.ConnectionString, Configure(new BlobClientOptions(), options.Value, crash, requests, "blob"));

    public QueueServiceClient Queues { get; } = new(options.Value.ConnectionString, Configure(new QueueClientOptions(), options.Value, crash, requests, "queue"));

    private static T Configure<T>(T client, LinkageStorageOptions storage, CrashHook? crash, StorageRequests? requests, string service)
        where T : ClientOptions
    {
        if (crash is not null) client.AddPolicy(new KilledSiloStoragePolicy(crash), HttpPipelinePosition.PerCall);
        if (requests is not null) client.AddPolicy(new StorageRequestPolicy(service, requests), HttpPipelinePosition.PerRetry);
        client.Retry.MaxRetries = 2;
        client.Retry.Delay = TimeSpan.FromMilliseconds(100);
        client.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        client.Retry.NetworkTimeout = storage.RequestTimeout;
        return client;
    }
}
