namespace Linkage.Bench;

/// <summary>Acknowledgement latencies (milliseconds) of bodies offered at a fixed rate.</summary>
public sealed record LatencyMeasurement(double OfferedLinesPerSecond, double AchievedLinesPerSecond, int LinesPerBody, double P50, double P99, double Max, int Bodies)
{
    public override string ToString() =>
        $"{Bodies:N0} bodies of {LinesPerBody:N0} lines offered at {OfferedLinesPerSecond:N0} lines/s (achieved {AchievedLinesPerSecond:N0}): p50 {P50:N0} ms, p99 {P99:N0} ms, max {Max:N0} ms";
}
