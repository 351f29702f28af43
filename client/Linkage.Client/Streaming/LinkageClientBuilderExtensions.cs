using Azure.Data.Tables;
using Azure.Storage.Queues;
using Linkage.Hosting;
using Linkage.Ingest;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Linkage.Client.Streaming;

/// <summary>Connects an Orleans client to a Linkage cluster with its feed stream.</summary>
public static class LinkageClientBuilderExtensions
{
    /// <summary>Azure Table membership and the Azure Queue feed stream, as the host configures them.</summary>
    public static IClientBuilder AddLinkageCluster(this IClientBuilder builder, LinkageClusterConnection connection)
    {
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = connection.ClusterId;
            o.ServiceId = connection.ServiceId;
        });
        builder.UseAzureStorageClustering(o =>
        {
            o.TableServiceClient = new TableServiceClient(connection.StorageConnectionString);
            o.TableName = LinkageStorageNames.MembershipTable(connection.StoragePrefix);
        });
        builder.AddAzureQueueStreams(FeedStream.ProviderName, configurator =>
            configurator.ConfigureAzureQueue(options => options.Configure(o =>
            {
                o.QueueServiceClient = new QueueServiceClient(connection.StorageConnectionString);
                o.QueueNames = [.. LinkageStorageNames.FeedQueues(connection.StoragePrefix, connection.StreamQueues)];
            })));
        return builder;
    }
}
