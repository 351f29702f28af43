namespace Linkage.Bench;

/// <summary>Acknowledgement latencies (milliseconds) of bodies offered at a fixed rate.</summary>
/// <param name="Slowest">The slowest bodies, as when each was due (seconds into the pass) and its latency: whether they bunch tells a stall from a backlog.</param>
/// <param name="SentAgain">Sends repeated after the engine refused them (backpressure) or failed them: each costs its Retry-After.</param>
public sealed record LatencyMeasurement(double OfferedLinesPerSecond, double AchievedLinesPerSecond, int LinesPerBody, double P50, double P99, double Max, int Bodies,
    IReadOnlyList<(double DueSeconds, double Milliseconds)>? Slowest = null, long SentAgain = 0)
{
    public override string ToString() =>
        $"{Bodies:N0} bodies of {LinesPerBody:N0} lines offered at {OfferedLinesPerSecond:N0} lines/s (achieved {AchievedLinesPerSecond:N0}): p50 {P50:N0} ms, p99 {P99:N0} ms, max {Max:N0} ms" +
        (SentAgain > 0 ? $"; {SentAgain:N0} sent again after a refusal (503) or a failed batch" : "") +
        (Slowest is { Count: > 0 } ? "; slowest " + string.Join(", ", Slowest.Select(s => $"{s.Milliseconds:N0} ms due at {s.DueSeconds:N1} s")) : "");
}
