namespace Linkage.Alerts;

/// <summary>
/// One line of api-v1's alert stream (surveillance-v1 and safety-v1 alerts): a raise or a withdrawal of the alert
/// <see cref="Id"/>, at its <see cref="Version"/>. A withdrawal is a new version of the same alert with
/// <see cref="Withdrawn"/> true. The log keeps at most one line per (id, version).
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.Alert")]
public sealed record Alert
{
    /// <summary>Stable across versions: who raised it and for what (for example <c>surveillance/flu/13/2024-01-15/c1</c>).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>1 for the first raise, one more for each later withdrawal or raise of the same alert.</summary>
    [Id(1)] public required int Version { get; init; }

    /// <summary>When the log took it (stamped by the log; what the caller sets is replaced).</summary>
    [Id(2)] public DateTimeOffset At { get; init; }

    [Id(3)] public required AlertSource Source { get; init; }

    [Id(4)] public bool Withdrawn { get; init; }

    /// <summary>Surveillance: the indicator's name.</summary>
    [Id(5)] public string? Indicator { get; init; }

    /// <summary>Surveillance: the prefecture code ("13", "unknown" or "all").</summary>
    [Id(6)] public string? Pref { get; init; }

    /// <summary>Surveillance: the series day the detector alarmed on.</summary>
    [Id(7)] public DateOnly? Day { get; init; }

    /// <summary>Surveillance: "c1", "c2" or "c3".</summary>
    [Id(8)] public string? Detector { get; init; }

    /// <summary>Surveillance: the day's count.</summary>
    [Id(9)] public long? Count { get; init; }

    /// <summary>Surveillance: the detector's statistic (4 decimals).</summary>
    [Id(10)] public double? Statistic { get; init; }

    /// <summary>Safety: the monitor's name.</summary>
    [Id(11)] public string? Monitor { get; init; }

    /// <summary>Safety: the monitor's events.</summary>
    [Id(12)] public long? N { get; init; }

    /// <summary>Safety: the monitor's events in the risk window.</summary>
    [Id(13)] public long? C { get; init; }

    /// <summary>Safety: the monitor's log-likelihood ratio.</summary>
    [Id(14)] public double? Llr { get; init; }
}
