using System.Globalization;

namespace Linkage.Bench;

/// <summary>The timed runs of one query, in milliseconds: its median and 99th percentile (with few runs, the slowest).</summary>
internal sealed class Latencies
{
    private readonly List<double> _runs = [];

    public void Add(double milliseconds) => _runs.Add(milliseconds);

    public double P50 => Quantile(0.5);

    public double P99 => Quantile(0.99);

    /// <summary>"p50 / p99 ms", as the tables of docs/benchmarks.md show them.</summary>
    public override string ToString() =>
        $"{Ms(P50)} / {Ms(P99)} ms";

    private static string Ms(double value) => value.ToString(value >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture);

    private double Quantile(double quantile)
    {
        if (_runs.Count == 0) return double.NaN;
        var sorted = _runs.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))];
    }
}
