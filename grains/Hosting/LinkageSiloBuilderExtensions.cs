using Linkage.Alerts;
using Linkage.Audit;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Diagnostics;
using Linkage.Engine;
using Linkage.Streams;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Log;
using Linkage.OptOut;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Recovery;
using Linkage.Storage;
using Linkage.Surveillance;
using Linkage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddLinkageStorageAccount(configuration);
        builder.Services.AddLinkageMetrics();
        builder.Services.AddLinkageOptions<LinkageStreamOptions>(configuration, LinkageStreamOptions.SectionName);
        builder.Services.AddLinkageOptions<LinkageEngineOptions>(configuration, LinkageEngineOptions.SectionName);
        builder.Services.AddLinkageOptions<LinkageCohortOptions>(configuration, LinkageCohortOptions.SectionName);
        builder.Services.AddLinkageOptions<LinkageBenchmarkOptions>(configuration, LinkageBenchmarkOptions.SectionName);
        builder.Services.AddLinkageOptions<LinkageTestingOptions>(configuration, LinkageTestingOptions.SectionName);

        // Which providers are added is decided now; ValidateOnStart checks the same sections before any of them runs.
        var storage = configuration.GetSection(LinkageStorageOptions.SectionName).Get<LinkageStorageOptions>() ?? new LinkageStorageOptions();
        var streams = configuration.GetSection(LinkageStreamOptions.SectionName).Get<LinkageStreamOptions>() ?? new LinkageStreamOptions();
        return builder.AddLinkageStorage(storage.Provider).AddLinkageEngine().AddLinkageFeedStream(streams);
    }

    /// <summary>Adds Linkage's stores (logs, snapshots, journals) and grain storage providers, on the <see cref="StorageAccount"/> in DI or in memory.</summary>
    public static ISiloBuilder AddLinkageStorage(this ISiloBuilder builder, StorageProvider provider)
    {
        var services = builder.Services;
        if (provider == StorageProvider.Memory)
        {
            services.AddSingleton<IIngestLogStore, MemoryIngestLogStore>();
            services.AddSingleton<ISnapshotStore, MemorySnapshotStore>();
            services.AddSingleton<IPartitionJournal, MemoryPartitionJournal>();
            services.AddSingleton<IAuditLog, MemoryAuditLog>();
            builder.AddMemoryGrainStorage(LinkageStorage.State);
        }
        else
        {
            services.AddSingleton<IIngestLogStore>(sp => new AzureIngestLogStore(Account(sp).Blobs, Account(sp).Tables, Account(sp).Prefix));
            services.AddSingleton<ISnapshotStore>(sp =>
            {
                var engine = sp.GetRequiredService<IOptions<LinkageEngineOptions>>().Value;
                return new AzureTableSnapshotStore(Account(sp).Tables, Account(sp).Blobs, Account(sp).Prefix, engine.SnapshotPartitions,
                    engine.SnapshotLinger, sp.GetService<TimeProvider>(), engine.SnapshotTransactionsInFlight,
                    engine.AppendPriority ? sp.GetRequiredService<AppendPriority>() : null, engine.SnapshotTables);
            });
            services.AddSingleton<IPartitionJournal>(sp => new AzureBlobPartitionJournal(Account(sp).Blobs, Account(sp).Prefix));
            services.AddSingleton<IAuditLog, TableAuditLog>();
            builder.AddAzureTableGrainStorage(LinkageStorage.State, (OptionsBuilder<AzureTableStorageOptions> options) =>
                options.Configure<IServiceProvider, StorageAccount>((o, sp, account) =>
                {
                    o.TableServiceClient = account.Tables;
                    o.TableName = ClusterNames.StateTable(account.Prefix);
                    o.GrainStorageSerializer = BinarySerializer(sp);
                }));
        }

        services.AddGrainStorage(LinkageStorage.Snapshots, (sp, _) =>
            new SnapshotGrainStorage(sp.GetRequiredService<ISnapshotStore>(), BinarySerializer(sp)));
        return builder;
    }

    /// <summary>Adds the ingest engine: key directory, this silo's log and checkpoints, recovery, the cohort index feed.</summary>
    public static ISiloBuilder AddLinkageEngine(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(typeof(IntegerKeyGrainFactory<>));
        services.AddSingleton(sp => new PartitionGrains<IKeyDirectoryGrain>(
            sp.GetRequiredService<IntegerKeyGrainFactory<IKeyDirectoryGrain>>(), sp.GetRequiredService<IOptions<LinkageEngineOptions>>().Value.KeyPartitions, KeyDirectory.PartitionOf));
        services.AddSingleton(sp => new PartitionGrains<IPeopleIndexGrain>(
            sp.GetRequiredService<IntegerKeyGrainFactory<IPeopleIndexGrain>>(), sp.GetRequiredService<IOptions<LinkageEngineOptions>>().Value.IndexPartitions));
        services.AddSingleton<CrashHook>();
        services.AddSingleton(sp => new AppendPriority(sp.GetService<TimeProvider>()));
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
        services.AddSingleton<CohortQueries>();
        services.AddSingleton<IndexQueries>();
        services.AddSingleton<IndexQueryEvaluators>();
        services.AddSingleton<BenchmarkQueries>();
        services.AddIndexQueryEvaluator<BenchmarkEvaluator>();
        services.AddLinkageSafety();
        services.AddSingleton<IndexChanges>();
        services.AddHostedService<LiveAnalysisPump>();
        services.AddIndexQueryEvaluator<IndicatorEvaluator>();
        services.AddSingleton<OptOuts>();
        services.AddSingleton<AlertFeed>();
        services.AddSingleton<EngineLifecycle>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<EngineLifecycle>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<LinkageEngineOptions>>((o, engine) =>
            o.ClassSpecificCollectionAge[typeof(ComponentGrain).FullName!] =
                engine.Value.IdleAfter < CollectionAgeLimitAttribute.MinAgeLimit ? CollectionAgeLimitAttribute.MinAgeLimit : engine.Value.IdleAfter);
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

    private static StorageAccount Account(IServiceProvider services) => services.GetRequiredService<StorageAccount>();

    // The Orleans binary format keeps [Id]-tagged fields version tolerant and handles polymorphic event data (the
    // serializer Orleans registers by default is JSON: larger, slower, and blind to [Id]).
    private static OrleansGrainStorageSerializer BinarySerializer(IServiceProvider services) =>
        new(services.GetRequiredService<Orleans.Serialization.Serializer>());
}
