using Azure.Data.Tables;
using Azure.Storage.Queues;
using Linkage.Hosting;
using Linkage.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Linkage.Client.Streaming;

/// <summary>Connects an Orleans client to a Linkage cluster with its feed stream.</summary>
public static class LinkageClientBuilderExtensions
{
    /// <summary>
    /// Azure Table membership and the Azure Queue feed stream, as the host configures them. The client reads the
    /// live gateways from the membership table and moves to another when one goes away.
    /// </summary>
    public static IClientBuilder AddLinkageCluster(this IClientBuilder builder, LinkageClusterConnection connection)
    {
        // One client of each kind, built once from the connection string and shared by the providers.
        builder.Services.AddSingleton(new TableServiceClient(connection.StorageConnectionString));
        builder.Services.AddSingleton(new QueueServiceClient(connection.StorageConnectionString));
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = connection.ClusterId;
            o.ServiceId = connection.ServiceId;
        });
        builder.UseAzureStorageClustering(options => options.Configure<TableServiceClient>((o, tables) =>
        {
            o.TableServiceClient = tables;
            o.TableName = ClusterNames.MembershipTable(connection.StoragePrefix);
        }));
        builder.AddAzureQueueStreams(FeedStream.ProviderName, configurator =>
            configurator.ConfigureAzureQueue(options => options.Configure<QueueServiceClient>((o, queues) =>
            {
                o.QueueServiceClient = queues;
                o.QueueNames = ClusterNames.FeedQueues(connection.StoragePrefix, connection.StreamQueues);
            })));
        return builder;
    }
}
