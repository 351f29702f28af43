using MathNet.Numerics.Distributions;

namespace Linkage.Benchmarks;

/// <summary>
/// benchmark-v1's control limits of an SMR around 1 (Spiegelhalter 2005): <c>1 ± z · sqrt(1 / E + τ²)</c> with
/// <c>z = Φ⁻¹(1 - (1 - L) / 2)</c>, the lower one not below 0; and where an SMR lies against them.
/// </summary>
public static class FunnelLimits
{
    /// <summary>The standard normal quantile of a two-sided coverage (1.959964 for 0.95, 3.090232 for 0.998).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The coverage is not strictly between 0 and 1.</exception>
    public static double Z(double coverage)
    {
        if (!(coverage > 0 && coverage < 1)) throw new ArgumentOutOfRangeException(nameof(coverage), coverage, "a coverage is strictly between 0 and 1");
        return Normal.InvCDF(0, 1, 1 - (1 - coverage) / 2);
    }

    /// <summary>The limits at <paramref name="coverage"/> of a facility expecting <paramref name="expected"/>; no upper limit when it expects nothing.</summary>
    public static FunnelLimit At(double coverage, double expected, double tau2)
    {
        if (expected <= 0) return new FunnelLimit(coverage, 0, null);
        var half = Z(coverage) * Math.Sqrt(1 / expected + tau2);
        return new FunnelLimit(coverage, Math.Max(0, 1 - half), 1 + half);
    }

    /// <summary>High above the upper limit, low below the lower one, within otherwise (on a limit is within); an SMR of nothing expected is within.</summary>
    public static FunnelFlag FlagOf(double? smr, FunnelLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (smr is not { } ratio) return FunnelFlag.Within;
        if (limit.High is { } high && ratio > high) return FunnelFlag.High;
        return ratio < limit.Low ? FunnelFlag.Low : FunnelFlag.Within;
    }
}
