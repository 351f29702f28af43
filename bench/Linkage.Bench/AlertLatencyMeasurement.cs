using System.Globalization;

namespace Linkage.Bench;

/// <summary>
/// Alert latencies (milliseconds) of one ingest path and one kind of analysis: from the acknowledgement of the ingest
/// that crosses a threshold to the alert's event read from the stream, and on the feed stream also from the end of
/// publishing (the queue message stored) to the acknowledgement and to the event. A negative latency is an alert read
/// before the acknowledgement (raised by an evaluation that ran while the crossing was being applied); <paramref name="Partial"/>
/// counts the alerts raised on part of the crossing's records.
/// </summary>
public sealed record AlertLatencyMeasurement(string Ingest, string Analysis, double[] AckToEvent, double[]? PublishedToAck, double[]? PublishedToEvent, int Partial)
{
    /// <summary>safety-v1 and surveillance-v1: pushed within one second of the acknowledgement.</summary>
    public const double GoalMilliseconds = 1000;

    public double P99 => LatencyProbe.Percentile(AckToEvent, 0.99);

    public override string ToString()
    {
        var row = $"{Ingest,-11} {Analysis,-24} {AckToEvent.Length,4} crossings: acknowledgement → event {Summary(AckToEvent)}";
        if (PublishedToAck is not null && PublishedToEvent is not null)
        {
            row += $"; published → acknowledgement {Summary(PublishedToAck)}; published → event {Summary(PublishedToEvent)}";
        }

        var early = AckToEvent.Count(l => l < 0);
        if (early + Partial > 0) row += $"; {early} before the acknowledgement, {Partial} raised on part of the crossing";
        var verdict = P99 < GoalMilliseconds ? "goal met" : $"goal missed by {(P99 - GoalMilliseconds).ToString("N0", CultureInfo.InvariantCulture)} ms";
        return row + $" ({verdict})";
    }

    private static string Summary(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {LatencyProbe.Percentile(sorted, 0.50):N0} ms, p99 {LatencyProbe.Percentile(sorted, 0.99):N0} ms, max {sorted[^1]:N0} ms");
}
