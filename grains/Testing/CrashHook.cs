using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Linkage.Testing;

/// <summary>
/// Kills this process with SIGKILL (no graceful shutdown, nothing flushed) the k-th time the engine passes the configured
/// <see cref="CrashPoint"/>, after writing <see cref="Marker"/> to stdout so that a test can prove the kill happened
/// there. Off unless <c>Linkage:Testing:CrashAt</c> is set (only in Development): then each point costs one comparison.
/// </summary>
public sealed class CrashHook
{
    public const string Pattern = "^(after-log-append|after-components-flushed|after-segments-deleted|mid-merge)(:[1-9][0-9]{0,6})?$";

    private readonly CrashPoint _point;
    private readonly int _at;
    private readonly string _setting = "";
    private int _passed;

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
    }

    /// <summary>The line the process writes just before it kills itself at <paramref name="crashAt"/> (the setting).</summary>
    public static string Marker(string crashAt) => $"linkage crash point reached: {crashAt}; killing the process";

    /// <summary>The engine passes <paramref name="point"/>; at the configured one's k-th pass the process dies here.</summary>
    public void Pass(CrashPoint point)
    {
        if (point != _point || Interlocked.Increment(ref _passed) != _at) return;

        // Straight to stdout (the logger writes on a background queue that dies with the process).
        Console.Out.WriteLine(Marker(_setting));
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
        Environment.FailFast(Marker(_setting));
    }
}
