namespace Linkage.Safety;

/// <summary>Stored state of one safety monitor.</summary>
[GenerateSerializer, Alias("linkage.SafetyMonitorState")]
public sealed class SafetyMonitorState
{
    /// <summary>Null when no monitor of this name is watching.</summary>
    [Id(0)] public MonitorDefinition? Definition { get; set; }

    [Id(1)] public double Cv { get; set; }

    [Id(2)] public double AlphaSpent { get; set; }

    [Id(3)] public int N { get; set; }

    [Id(4)] public int C { get; set; }

    /// <summary>Whether the last evaluation was over the boundary: a signal is raised on the way over, not at every evaluation above it.</summary>
    [Id(5)] public bool Over { get; set; }

    [Id(6)] public List<MonitorSignal> Signals { get; set; } = [];

    [Id(7)] public DateTimeOffset? EvaluatedAt { get; set; }

    [Id(8)] public long Evaluations { get; set; }

    /// <summary>When the monitor started: its alerts' ids carry it, so a monitor started again under the same name raises afresh.</summary>
    [Id(9)] public DateTimeOffset StartedAt { get; set; }
}
