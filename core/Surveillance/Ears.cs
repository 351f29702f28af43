using System.Collections.Immutable;

namespace Linkage.Surveillance;

/// <summary>
/// The CDC's EARS detectors as surveillance-v1 defines them, over a daily series y(0..n-1): C1 compares y(t) with the
/// mean and sample sd of t-7..t-1, C2 with those of t-9..t-3 (sd at least 0.5), C3 sums max(0, C2 - 1) over t-2..t;
/// a statistic needs its whole baseline inside the series. Alarms are decided on the unrounded statistics.
/// </summary>
public static class Ears
{
    public const double SdFloor = 0.5;
    public const double C1Limit = 3;
    public const double C2Limit = 3;
    public const double C3Limit = 2;

    public static readonly ImmutableArray<string> Detectors = ["c1", "c2", "c3"];

    public static EarsDay[] Evaluate(IReadOnlyList<long> y)
    {
        var n = y.Count;
        var c2 = new double?[n];
        for (var t = 9; t < n; t++) c2[t] = Z(y, t, t - 9, t - 3);
        var days = new EarsDay[n];
        for (var t = 0; t < n; t++)
        {
            double? c1 = t >= 7 ? Z(y, t, t - 7, t - 1) : null;
            double? c3 = t >= 11 ? Plus(c2[t]!.Value) + Plus(c2[t - 1]!.Value) + Plus(c2[t - 2]!.Value) : null;
            var alarms = ImmutableArray.CreateBuilder<string>();
            if (c1 > C1Limit) alarms.Add("c1");
            if (c2[t] > C2Limit) alarms.Add("c2");
            if (c3 > C3Limit) alarms.Add("c3");
            days[t] = new EarsDay(Round(c1), Round(c2[t]), Round(c3), alarms.ToImmutable());
        }

        return days;
    }

    /// <summary>(y(t) - mean) / max(sd, 0.5) over the baseline days <paramref name="from"/>..<paramref name="to"/>.</summary>
    private static double Z(IReadOnlyList<long> y, int t, int from, int to)
    {
        var count = to - from + 1;
        double sum = 0;
        for (var i = from; i <= to; i++) sum += y[i];
        var mean = sum / count;
        double squares = 0;
        for (var i = from; i <= to; i++) squares += (y[i] - mean) * (y[i] - mean);
        var sd = Math.Max(Math.Sqrt(squares / (count - 1)), SdFloor);
        return (y[t] - mean) / sd;
    }

    private static double Plus(double c2) => Math.Max(0, c2 - 1);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}
