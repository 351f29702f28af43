using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Linkage.Safety;

/// <summary>safety-v1's ratios of one index–marker pair from its sequence counts and null-effect ratio.</summary>
/// <remarks>
/// The Beta quantiles and the binomial tail come from MathNet.Numerics: the tail P(X &gt;= k) of Binomial(n, q) is the
/// regularized incomplete beta I_q(k, n - k + 1), accurate far into the tail where 1 - CDF would round to 0.
/// </remarks>
public static class SequenceRatios
{
    public static SequenceEstimate Estimate(long indexFirst, long markerFirst, double? nsr)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(indexFirst);
        ArgumentOutOfRangeException.ThrowIfNegative(markerFirst);
        var n = indexFirst + markerFirst;
        double? csr = markerFirst > 0 ? (double)indexFirst / markerFirst : null;
        var adjusts = nsr is > 0;
        double? asr = csr is { } crude && adjusts ? crude / nsr!.Value : null;

        double? low = null, high = null;
        if (n > 0 && adjusts)
        {
            var beta = (a: indexFirst + 0.5, b: markerFirst + 0.5);
            low = Odds(Beta.InvCDF(beta.a, beta.b, 0.025)) / nsr!.Value;
            high = Odds(Beta.InvCDF(beta.a, beta.b, 0.975)) / nsr.Value;
        }

        double? p = nsr is { } ratio ? UpperTail(n, indexFirst, ratio / (1 + ratio)) : null;
        return new SequenceEstimate(indexFirst, markerFirst, csr, nsr, asr, low, high, p, low is > 1);
    }

    /// <summary>P(X &gt;= k) for X ~ Binomial(n, q).</summary>
    public static double UpperTail(long n, long k, double q)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        return SpecialFunctions.BetaRegularized(k, n - k + 1, q);
    }

    private static double Odds(double q) => q / (1 - q);
}
