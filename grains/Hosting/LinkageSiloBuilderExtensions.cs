using Linkage.Diagnostics;
using Linkage.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.Streams;

namespace Linkage.Hosting;

/// <summary>Adds Linkage's storage providers and feed stream to a silo.</summary>
public static class LinkageSiloBuilderExtensions
{
    /// <summary>Adds Linkage's grain storage (Azure blobs and tables) and the feed stream, from configuration.</summary>
    public static ISiloBuilder AddLinkage(this ISiloBuilder builder, IConfiguration configuration)
    {
        builder.Services.AddLinkageStorageAccount(configuration);
        builder.Services.AddLinkageMetrics();
        builder.Services.AddLinkageOptions<LinkageStreamOptions>(configuration, LinkageStreamOptions.SectionName);

        // The transport decides which provider is added, so it is read now; ValidateOnStart checks the same section.
        var streams = configuration.GetSection(LinkageStreamOptions.SectionName).Get<LinkageStreamOptions>() ?? new LinkageStreamOptions();
        return builder.AddLinkageStorage().AddLinkageFeedStream(streams);
    }

    /// <summary>Adds the component (blob) and key (table) grain storage providers, on the <see cref="StorageAccount"/> in DI.</summary>
    public static ISiloBuilder AddLinkageStorage(this ISiloBuilder builder)
    {
        builder.AddAzureBlobGrainStorage(LinkageStorage.Components, (OptionsBuilder<AzureBlobStorageOptions> options) =>
            options.Configure<IServiceProvider, StorageAccount>((o, services, account) =>
            {
                o.BlobServiceClient = account.Blobs;
                o.ContainerName = ClusterNames.ComponentsContainer(account.Prefix);
                o.GrainStorageSerializer = BinarySerializer(services);
            }));
        builder.AddAzureTableGrainStorage(LinkageStorage.Keys, (OptionsBuilder<AzureTableStorageOptions> options) =>
            options.Configure<IServiceProvider, StorageAccount>((o, services, account) =>
            {
                o.TableServiceClient = account.Tables;
                o.TableName = ClusterNames.KeysTable(account.Prefix);
                o.GrainStorageSerializer = BinarySerializer(services);
            }));
        return builder;
    }

    /// <summary>Adds the feed stream provider: implicit subscriptions only, Azure queues or memory.</summary>
    public static ISiloBuilder AddLinkageFeedStream(this ISiloBuilder builder, LinkageStreamOptions streams)
    {
        if (streams.Transport == FeedStreamTransport.Memory)
        {
            return builder.AddMemoryStreams(FeedStream.ProviderName, configurator =>
            {
                configurator.ConfigurePartitioning(streams.Queues);
                configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            });
        }

        builder.Services.AddHostedService<FeedQueueProbe>();
        return builder.AddAzureQueueStreams(FeedStream.ProviderName, configurator =>
        {
            configurator.ConfigureAzureQueue(options => options.Configure<StorageAccount, IOptions<LinkageStreamOptions>>((o, account, validated) =>
            {
                o.QueueServiceClient = account.Queues;
                o.QueueNames = ClusterNames.FeedQueues(account.Prefix, validated.Value.Queues);
            }));
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    // The Orleans binary format keeps [Id]-tagged fields version tolerant and handles polymorphic event data.
    private static OrleansGrainStorageSerializer BinarySerializer(IServiceProvider services) =>
        new(services.GetRequiredService<Orleans.Serialization.Serializer>());
}
