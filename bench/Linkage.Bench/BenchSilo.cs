using Linkage.Engine;
using Linkage.Streams;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Log;
using Linkage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Bench;

/// <summary>One in-process silo running Linkage's engine for a benchmark, on memory storage or an Azure Storage account.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host, string? storage)
    {
        _host = host;
        Storage = storage;
    }

    /// <summary>The connection string in use, or null for memory storage.</summary>
    public string? Storage { get; }

    public IServiceProvider Services => _host.Services;

    public IngestPipeline Pipeline => Services.GetRequiredService<IngestPipeline>();

    public IClusterClient Client => Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a silo on fresh storage (its own prefix) and waits until its engine takes ingests.</summary>
    /// <param name="storage">An Azure Storage connection string, or null for memory storage (and memory streams).</param>
    /// <param name="settings">Configuration on top of the defaults (for example <c>Linkage:Engine:*</c>).</param>
    /// <param name="configure">Further silo configuration (grains of the benchmark itself).</param>
    public static async Task<BenchSilo> StartAsync(string? storage, IReadOnlyDictionary<string, string?> settings, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Linkage:Storage:Provider"] = storage is null ? nameof(StorageProvider.Memory) : nameof(StorageProvider.AzureStorage),
            ["Linkage:Storage:ConnectionString"] = storage,
            ["Linkage:Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Linkage:Streams:Transport"] = storage is null ? nameof(FeedStreamTransport.Memory) : nameof(FeedStreamTransport.AzureQueue),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddLinkage(builder.Configuration);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<EngineGate>().WaitOpenAsync(TimeSpan.FromMinutes(2));
        return new BenchSilo(host, storage);
    }

    /// <summary>Bytes the memory stores hold (snapshots, journals, logs): storage, not the silo's own memory; 0 on Azure.</summary>
    public long StoredBytes =>
        (Services.GetService<ISnapshotStore>() as MemorySnapshotStore)?.Bytes + (Services.GetService<IPartitionJournal>() as MemoryPartitionJournal)?.Bytes
        + (Services.GetService<IIngestLogStore>() as MemoryIngestLogStore)?.Bytes ?? 0;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
