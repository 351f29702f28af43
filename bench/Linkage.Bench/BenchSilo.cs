using System.Diagnostics;
using Linkage.Engine;
using Linkage.Hosting;
using Linkage.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Bench;

/// <summary>
/// One in-process silo (localhost clustering, memory streams) running Linkage's engine on memory storage or on
/// Azure storage, as the benchmarks host it, and the way they feed it: bodies of lines through the one ingest pipeline.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private BenchSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the silo and waits until its engine takes ingests.</summary>
    /// <param name="storage">An Azure Storage connection string; memory storage when null.</param>
    /// <param name="batchEvents">Valid record versions per ingest batch (<c>Linkage:Engine:BatchEvents</c>).</param>
    public static async Task<BenchSilo> StartAsync(string? storage, int batchEvents)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // On a shared machine Orleans warns of late timers and long turns; those are the machine's, not the result's.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Linkage:Storage:Provider"] = storage is null ? "Memory" : "AzureStorage",
            ["Linkage:Storage:ConnectionString"] = storage,
            ["Linkage:Storage:Prefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Linkage:Streams:Transport"] = "Memory",
            ["Linkage:Engine:BatchEvents"] = batchEvents.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddLinkage(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        if (!await host.Services.GetRequiredService<EngineGate>().WaitOpenAsync(TimeSpan.FromMinutes(2)))
        {
            await host.StopAsync();
            host.Dispose();
            throw new InvalidOperationException("the engine did not open within 2 minutes of the silo starting");
        }

        return new BenchSilo(host);
    }

    /// <summary>
    /// Ingests <paramref name="bodies"/> with <paramref name="concurrency"/> in flight; a body the engine refuses for
    /// now (<see cref="EngineUnavailableException"/>) is sent again after the wait it asks for.
    /// </summary>
    public async Task<(IngestTally Tally, TimeSpan Elapsed, int Retries)> IngestAsync(string[][] bodies, int concurrency)
    {
        var pipeline = Services.GetRequiredService<IngestPipeline>();
        var next = -1;
        var retries = 0;
        var tally = new IngestTally();
        var gate = new object();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                while (true)
                {
                    try
                    {
                        var outcome = await pipeline.IngestAsync(bodies[i], firstLine: 1);
                        lock (gate) tally += outcome.Tally;
                        break;
                    }
                    catch (EngineUnavailableException refused)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(refused.RetryAfter);
                    }
                }
            }
        }));
        return (tally, clock.Elapsed, retries);
    }

    /// <summary>Stops the silo (once: later calls do nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
    }
}
