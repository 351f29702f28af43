using System.Diagnostics;
using Linkage.Engine;
using Microsoft.Extensions.Options;

namespace Linkage.Testing;

/// <summary>
/// Kills this process with SIGKILL (no graceful shutdown, nothing flushed) the k-th time the engine passes the configured
/// <see cref="CrashPoint"/>, after writing <see cref="Marker"/> to stdout so that a test can prove the kill happened
/// there. Off unless <c>Linkage:Testing:CrashAt</c> is set (only in Development): then each point costs one comparison.
/// In-process test clusters, which cannot kill a process, <see cref="Kill"/> a silo instead.
/// </summary>
public sealed class CrashHook
{
    public const string Pattern = "^(after-log-append|after-components-flushed|after-segments-deleted|mid-merge)(:[1-9][0-9]{0,6})?$";

    private readonly CrashPoint _point;
    private readonly int _at;
    private readonly string _setting = "";
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(10);
    private readonly bool _on;
    private int _passed;
    private int _bodiesInFlight;
    private bool _killed;

    public CrashHook(IOptions<LinkageTestingOptions> options)
    {
        if (options.Value.CrashAt is not { Length: > 0 } setting) return;
        var parts = setting.Split(':');
        _point = parts[0] switch
        {
            "after-log-append" => CrashPoint.AfterLogAppend,
            "after-components-flushed" => CrashPoint.AfterComponentsFlushed,
            "after-segments-deleted" => CrashPoint.AfterSegmentsDeleted,
            "mid-merge" => CrashPoint.MidMerge,
            _ => throw new ArgumentException($"{LinkageTestingOptions.SectionName}:CrashAt: '{setting}' is not a crash point", nameof(options)),
        };
        _at = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        _setting = setting;
        _on = true;
    }

    /// <summary>
    /// Whether an in-process test cluster has killed this silo (<see cref="Kill"/>): it then acts as a dead process, whose
    /// storage calls never arrive, whose engine stop hook does nothing and whose batches under way are never acknowledged.
    /// </summary>
    public bool Killed => Volatile.Read(ref _killed);

    /// <summary>Makes this silo dead to storage and to its callers at once, before the test cluster stops it without grace.</summary>
    public void Kill() => Volatile.Write(ref _killed, true);

    /// <summary>Throws unless this silo is alive: nothing may be acknowledged by a killed one.</summary>
    public void EnsureAlive()
    {
        if (Killed) throw new Engine.EngineUnavailableException("the silo was killed", TimeSpan.FromSeconds(1));
    }

    /// <summary>The line the process writes just before it kills itself at <paramref name="crashAt"/> (the setting).</summary>
    public static string Marker(string crashAt) => $"linkage crash point reached: {crashAt}; killing the process";

    /// <summary>
    /// An ingest body (an HTTP request, whose answer the host's death loses) is under way; counted only with a crash
    /// point set. A feed stream's batches are not counted: one under way is no request in flight.
    /// </summary>
    public void BodyStarted()
    {
        if (_on) Interlocked.Increment(ref _bodiesInFlight);
    }

    public void BodyFinished()
    {
        if (_on) Interlocked.Decrement(ref _bodiesInFlight);
    }

    /// <summary>
    /// The engine passes <paramref name="point"/>; at the configured one's k-th pass the process dies here, once a body
    /// is under way (waiting up to 10 s), so that the crash tests always kill with a request in flight: a checkpoint's
    /// points are reached beside the ingests, and a log append or a merge may be a feed stream's while the senders'
    /// next bodies have not arrived (on a busy machine their continuations wait for a thread).
    /// </summary>
    public void Pass(CrashPoint point)
    {
        if (!_on || point != _point || Interlocked.Increment(ref _passed) != _at) return;
        SpinWait.SpinUntil(() => Volatile.Read(ref _bodiesInFlight) > 0, InFlightWait);

        // Straight to stdout (the logger writes on a background queue that dies with the process).
        Console.Out.WriteLine(Marker(_setting));
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
        Environment.FailFast(Marker(_setting));
    }
}
