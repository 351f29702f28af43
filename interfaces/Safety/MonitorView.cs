using System.Collections.Immutable;

namespace Linkage.Safety;

/// <summary>What <c>GET /api/v1/safety/monitors/{name}</c> shows: the monitor, its state over the current records, and its signals.</summary>
[GenerateSerializer, Immutable, Alias("linkage.MonitorView")]
public sealed record MonitorView
{
    [Id(0)] public required MonitorDefinition Definition { get; init; }

    [Id(1)] public required int N { get; init; }

    [Id(2)] public required int C { get; init; }

    [Id(3)] public required double Llr { get; init; }

    [Id(4)] public required double Cv { get; init; }

    [Id(5)] public required double AlphaSpent { get; init; }

    [Id(6)] public required MonitorState State { get; init; }

    [Id(7)] public required ImmutableArray<MonitorSignal> Signals { get; init; }

    /// <summary>When the monitor last evaluated the index.</summary>
    [Id(8)] public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>How many times this activation and its predecessors evaluated the index (<see cref="ISafetyMonitorGrain.Evaluated"/>).</summary>
    [Id(9)] public long Evaluations { get; init; }

    public bool Equals(MonitorView? other) =>
        other is not null && Definition.Equals(other.Definition) && N == other.N && C == other.C && Llr.Equals(other.Llr)
        && Cv.Equals(other.Cv) && AlphaSpent.Equals(other.AlphaSpent) && State == other.State
        && Signals.SequenceEqual(other.Signals) && EvaluatedAt == other.EvaluatedAt && Evaluations == other.Evaluations;

    public override int GetHashCode() => HashCode.Combine(Definition.Name, N, C, State, Signals.Length);
}
