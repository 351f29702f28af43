using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linkage.Engine;
using Linkage.Log;
using Linkage.Recovery;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkage.Bench;

/// <summary>
/// What the silo did, second by second, during a latency pass: bodies answered, the process's CPU and GC pauses, the
/// thread pool's queue, the log's appends, the table transactions sent and the checkpoint's backlog; and over the pass,
/// the log's worst recent append latency (what backpressure reads) and how long it stayed above the backpressure bound
/// (<c>MaxLogLatency</c>). A slow body is then explained by its second (a GC pause, a queue of work items, appends waiting on storage, a checkpoint starting)
/// instead of guessed at.
/// </summary>
public sealed class PassTimeline
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _bound;
    private readonly List<Second> _seconds = [];
    private readonly Task _sampling;
    private int _answered;
    private TimeSpan _worstAppend;
    private TimeSpan _aboveBound;

    private PassTimeline(BenchSilo silo)
    {
        _bound = silo.Services.GetRequiredService<IOptions<LinkageEngineOptions>>().Value.MaxLogLatency;
        _sampling = SampleAsync(silo, _stop.Token);
    }

    /// <summary>One second of the pass; <see cref="Backlog"/> falls to zero when a checkpoint takes the touched components.</summary>
    private sealed record Second(int At, int Answered, double CpuMs, double GcPauseMs, long ThreadPoolQueue, double AppendMs, long Appends, long Transactions, long Backlog, double StorageCpuMs);

    public static PassTimeline Start(BenchSilo silo) => new(silo);

    /// <summary>Counts one body answered, in the second it was answered.</summary>
    public void Answered() => Interlocked.Increment(ref _answered);

    /// <summary>Stops sampling; the table of every second, for the bench's output.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var text = new StringBuilder("  s | answered | CPU ms | GC paused ms | thread-pool queue (max) | log append mean ms | appends | table transactions | touched, not yet flushed | Azurite CPU ms\n");
        foreach (var s in _seconds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.At,3} | {s.Answered,8} | {s.CpuMs,6:N0} | {s.GcPauseMs,12:N0} | {s.ThreadPoolQueue,23:N0} | {s.AppendMs,18:N0} | {s.Appends,7:N0} | {s.Transactions,18:N0} | {s.Backlog,24:N0} | {s.StorageCpuMs,14:N0}\n");
        }

        return text.ToString();
    }

    /// <summary>The log's appends over the pass, once stopped: the worst recent mean, and how long ingests were refused for it.</summary>
    public string Appends =>
        $"worst recent mean {_worstAppend.TotalSeconds:N1} s; above {_bound.TotalSeconds:N0} s (ingests refused) for {_aboveBound.TotalSeconds:N1} s";

    /// <summary>
    /// The CPU time of the storage emulator's processes (<c>LINKAGE_BENCH_STORAGE_PID</c>, their ids apart by spaces, set
    /// by bench/run-engine), from /proc; zero where there is none to read.
    /// </summary>
    private static TimeSpan StorageProcessCpu()
    {
        if (Environment.GetEnvironmentVariable("LINKAGE_BENCH_STORAGE_PID") is not { Length: > 0 } pids) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        foreach (var pid in pids.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                // Fields 14 and 15 of /proc/PID/stat, after the command's closing parenthesis: user and system time in clock ticks (100 a second on Linux).
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
            }
            catch (IOException)
            {
                // The process has ended; its time can no longer be read.
            }
        }
        return total;
    }

    private async Task SampleAsync(BenchSilo silo, CancellationToken stop)
    {
        var log = silo.Services.GetRequiredService<IngestLog>();
        var checkpointer = silo.Services.GetRequiredService<Checkpointer>();
        var requests = silo.Services.GetService<StorageRequests>();
        var process = Process.GetCurrentProcess();
        long Count(string kind) => requests?.Snapshot().GetValueOrDefault(kind) ?? 0;

        var (cpu, gc, appends, transactions, answered, storageCpu) = (process.TotalProcessorTime, GC.GetTotalPauseDuration(), Count("blob PUT appendblock"), Count("table POST $batch"), 0, StorageProcessCpu());
        var (queue, appendMs) = (0L, 0.0);
        using var timer = new PeriodicTimer(Every);
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                queue = Math.Max(queue, ThreadPool.PendingWorkItemCount);
                var append = log.RecentAppendLatency;
                appendMs = Math.Max(appendMs, append.TotalMilliseconds);
                if (append > _worstAppend) _worstAppend = append;
                if (append > _bound) _aboveBound += Every;
                if (++tick % 4 != 0) continue;

                process.Refresh();
                var (cpuNow, gcNow, appendsNow, transactionsNow, answeredNow, storageCpuNow) =
                    (process.TotalProcessorTime, GC.GetTotalPauseDuration(), Count("blob PUT appendblock"), Count("table POST $batch"), Volatile.Read(ref _answered), StorageProcessCpu());
                _seconds.Add(new Second(tick / 4, answeredNow - answered, (cpuNow - cpu).TotalMilliseconds, (gcNow - gc).TotalMilliseconds, queue, appendMs,
                    appendsNow - appends, transactionsNow - transactions, checkpointer.Backlog, (storageCpuNow - storageCpu).TotalMilliseconds));
                (cpu, gc, appends, transactions, answered, queue, appendMs, storageCpu) = (cpuNow, gcNow, appendsNow, transactionsNow, answeredNow, 0, 0, storageCpuNow);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
