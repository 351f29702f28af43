using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.Streams;

namespace Linkage.Hosting;

/// <summary>Adds Linkage's storage, ingest engine and feed stream to a silo.</summary>
public static class LinkageSiloBuilderExtensions
{
    /// <summary>Adds Linkage's storage, engine and feed stream, from configuration (validated when the silo starts).</summary>
    public static ISiloBuilder AddLinkage(this ISiloBuilder builder, IConfiguration configuration)
    {
        var storage = Bind<LinkageStorageOptions>(builder.Services, configuration, LinkageStorageOptions.SectionName);
        var streams = Bind<LinkageStreamOptions>(builder.Services, configuration, LinkageStreamOptions.SectionName);
        var engine = Bind<LinkageEngineOptions>(builder.Services, configuration, LinkageEngineOptions.SectionName);
        return builder.AddLinkageStorage(storage).AddLinkageEngine(engine).AddLinkageFeedStream(storage, streams);
    }

    /// <summary>Adds the storage clients (from DI), Linkage's stores and grain storage providers.</summary>
    public static ISiloBuilder AddLinkageStorage(this ISiloBuilder builder, LinkageStorageOptions storage)
    {
        var services = builder.Services;
        services.TryAddSingleton(Options.Create(storage));
        services.AddSingleton<IGrainStorageSerializer>(sp => new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()));
        if (storage.Provider == StorageProvider.Memory)
        {
            services.AddSingleton<IIngestLogStore, MemoryIngestLogStore>();
            services.AddSingleton<ISnapshotStore, MemorySnapshotStore>();
            services.AddSingleton<IPartitionJournal, MemoryPartitionJournal>();
            builder.AddMemoryGrainStorage(LinkageStorage.State);
        }
        else
        {
            services.AddLinkageStorageClients();
            services.AddSingleton<IIngestLogStore>(sp => new AzureIngestLogStore(
                sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TableServiceClient>(), Prefix(sp)));
            services.AddSingleton<ISnapshotStore>(sp => new AzureTableSnapshotStore(
                sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>(), Prefix(sp),
                sp.GetRequiredService<IOptions<LinkageEngineOptions>>().Value.SnapshotPartitions));
            services.AddSingleton<IPartitionJournal>(sp => new AzureBlobPartitionJournal(sp.GetRequiredService<BlobServiceClient>(), Prefix(sp)));
            builder.AddAzureTableGrainStorage(LinkageStorage.State, (OptionsBuilder<AzureTableStorageOptions> options) =>
                options.Configure<IServiceProvider>((o, sp) =>
                {
                    o.TableServiceClient = sp.GetRequiredService<TableServiceClient>();
                    o.TableName = LinkageStorageNames.StateTable(Prefix(sp));
                    o.GrainStorageSerializer = sp.GetRequiredService<IGrainStorageSerializer>();
                }));
        }

        services.AddGrainStorage(LinkageStorage.Snapshots, (sp, _) =>
            new SnapshotGrainStorage(sp.GetRequiredService<ISnapshotStore>(), sp.GetRequiredService<IGrainStorageSerializer>()));
        return builder;
    }

    /// <summary>
    /// The Azure Storage clients every part of Linkage uses (grain storage, logs, streams, membership, health), built
    /// once from the validated <see cref="LinkageStorageOptions"/>, retrying briefly so that an outage is answered soon.
    /// </summary>
    public static IServiceCollection AddLinkageStorageClients(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new BlobServiceClient(Options(sp).ConnectionString, Configure(new BlobClientOptions(), Options(sp))));
        services.TryAddSingleton(sp => new TableServiceClient(Options(sp).ConnectionString, Configure(new TableClientOptions(), Options(sp))));
        services.TryAddSingleton(sp => new QueueServiceClient(Options(sp).ConnectionString, Configure(new QueueClientOptions(), Options(sp))));
        return services;

        static LinkageStorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<LinkageStorageOptions>>().Value;
    }

    /// <summary>Adds the ingest engine: key directory, person grains' log and checkpoints, recovery, the cohort index feed.</summary>
    public static ISiloBuilder AddLinkageEngine(this ISiloBuilder builder, LinkageEngineOptions engine)
    {
        var services = builder.Services;
        services.TryAddSingleton(Options.Create(engine));
        services.AddSingleton<IngestLog>();
        services.AddSingleton<EngineGate>();
        services.AddSingleton<TouchedComponents>();
        services.AddSingleton<ComponentForwards>();
        services.AddSingleton<BatchRouter>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<SnapshotFlusher>();
        services.AddSingleton<Checkpointer>();
        services.AddSingleton<IngestLogReader>();
        services.AddSingleton<LogReplayer>();
        services.AddSingleton<IndexPublisher>();
        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<EngineLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<EngineLifecycle>());
        services.TryAddSingleton(TimeProvider.System);
        builder.Configure<GrainCollectionOptions>(o =>
            o.ClassSpecificCollectionAge[typeof(ComponentGrain).FullName!] = engine.IdleAfter < CollectionAgeLimitAttribute.MinAgeLimit
                ? CollectionAgeLimitAttribute.MinAgeLimit
                : engine.IdleAfter);
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
            configurator.ConfigureAzureQueue(options => options.Configure<IServiceProvider>((o, sp) =>
            {
                o.QueueServiceClient = sp.GetRequiredService<QueueServiceClient>();
                o.QueueNames = [.. LinkageStorageNames.FeedQueues(storage.Prefix, streams.Queues)];
            }));
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }

    private static T Bind<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        return configuration.GetSection(section).Get<T>() ?? new T();
    }

    private static string Prefix(IServiceProvider sp) => sp.GetRequiredService<IOptions<LinkageStorageOptions>>().Value.Prefix;

    private static T Configure<T>(T options, LinkageStorageOptions storage)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = storage.RequestTimeout;
        return options;
    }
}
