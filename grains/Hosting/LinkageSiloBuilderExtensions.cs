using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
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
        var storageSection = configuration.GetSection(LinkageStorageOptions.SectionName);
        builder.Services.AddOptions<LinkageStorageOptions>().Bind(storageSection).ValidateDataAnnotations().ValidateOnStart();
        var storage = storageSection.Get<LinkageStorageOptions>() ?? new LinkageStorageOptions();

        var streamSection = configuration.GetSection(LinkageStreamOptions.SectionName);
        builder.Services.AddOptions<LinkageStreamOptions>().Bind(streamSection).ValidateDataAnnotations().ValidateOnStart();
        var streams = streamSection.Get<LinkageStreamOptions>() ?? new LinkageStreamOptions();

        return builder.AddLinkageStorage(storage).AddLinkageFeedStream(storage, streams);
    }

    /// <summary>Adds the component (blob) and key (table) grain storage providers.</summary>
    public static ISiloBuilder AddLinkageStorage(this ISiloBuilder builder, LinkageStorageOptions storage)
    {
        builder.AddAzureBlobGrainStorage(LinkageStorage.Components, (OptionsBuilder<AzureBlobStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.BlobServiceClient = new BlobServiceClient(storage.ConnectionString);
                o.ContainerName = storage.Prefix + "-components";
                o.GrainStorageSerializer = BinarySerializer(services);
            }));
        builder.AddAzureTableGrainStorage(LinkageStorage.Keys, (OptionsBuilder<AzureTableStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.TableServiceClient = new TableServiceClient(storage.ConnectionString);
                o.TableName = storage.Prefix + "keys";
                o.GrainStorageSerializer = BinarySerializer(services);
            }));
        return builder;
    }

    /// <summary>Adds the feed stream provider: implicit subscriptions only, Azure queues or memory.</summary>
    public static ISiloBuilder AddLinkageFeedStream(this ISiloBuilder builder, LinkageStorageOptions storage, LinkageStreamOptions streams)
    {
        if (streams.Transport == FeedStreamTransport.Memory)
        {
            return builder.AddMemoryStreams(FeedStream.ProviderName, configurator =>
            {
                configurator.ConfigurePartitioning(streams.Queues);
                configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            });
        }

        return builder.AddAzureQueueStreams(FeedStream.ProviderName, configurator =>
        {
            configurator.ConfigureAzureQueue(options => options.Configure(o =>
            {
                o.QueueServiceClient = new QueueServiceClient(storage.ConnectionString);
                o.QueueNames = FeedQueueNames(storage, streams);
            }));
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    /// <summary>The queue names of the feed stream; silos and publishing clients must agree on them.</summary>
    public static List<string> FeedQueueNames(LinkageStorageOptions storage, LinkageStreamOptions streams) =>
        Enumerable.Range(0, streams.Queues).Select(i => $"{storage.Prefix}-feed-{i}").ToList();

    // The Orleans binary format keeps [Id]-tagged fields version tolerant and handles polymorphic event data.
    private static OrleansGrainStorageSerializer BinarySerializer(IServiceProvider services) =>
        new(services.GetRequiredService<Orleans.Serialization.Serializer>());
}
