namespace Linkage.Safety;

/// <summary>
/// The binomial maximized sequential probability ratio test of safety-v1's monitors: the log-likelihood ratio of
/// <c>c</c> risk-window events out of <c>n</c>, and the exact critical value by dynamic programming over (events, risk events).
/// </summary>
/// <remarks>
/// The critical value is the smallest of the attainable LLR values whose rule "signal once n &gt;= minEvents and
/// LLR &gt;= v" has a null probability of at most alpha. That probability falls as v rises, so a binary search over
/// the sorted attainable values finds it; each probe is one pass of the walk's distribution over (k, j), removing the
/// mass of the states that signal (Kulldorff et al. 2011, exact to rounding).
/// </remarks>
public static class MaxSprt
{
    /// <summary>Monitors may look at most this many events: the walk costs maxEvents² per probe.</summary>
    public const int MaxEventsLimit = 2000;

    /// <summary>LLR(n, c) against <paramref name="p0"/>, 0 unless c / n &gt; p0 (a term with c = 0 or n - c = 0 is 0).</summary>
    public static double Llr(int n, int c, double p0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, n);
        if (n == 0 || (double)c / n <= p0) return 0;
        var llr = 0.0;
        if (c > 0) llr += c * Math.Log(c / (n * p0));
        if (n - c > 0) llr += (n - c) * Math.Log((n - c) / (n * (1 - p0)));
        return llr;
    }

    /// <summary>The exact critical value for a monitor and the alpha it spends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p0 outside (0, 1), alpha outside (0, 1), or events outside 1 &lt;= min &lt;= max &lt;= <see cref="MaxEventsLimit"/>.</exception>
    public static MaxSprtBoundary CriticalValue(double p0, int minEvents, int maxEvents, double alpha)
    {
        if (!(p0 is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(p0), p0, "must be between 0 and 1");
        if (!(alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be between 0 and 1");
        ArgumentOutOfRangeException.ThrowIfLessThan(minEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, minEvents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEvents, MaxEventsLimit);

        var llr = new double[maxEvents + 1][];
        var values = new List<double>();
        for (var k = 0; k <= maxEvents; k++)
        {
            llr[k] = new double[k + 1];
            for (var j = 0; j <= k; j++)
            {
                llr[k][j] = Llr(k, j, p0);
                if (k >= minEvents) values.Add(llr[k][j]);
            }
        }

        var candidates = values.Distinct().Order().ToArray();
        int low = 0, high = candidates.Length - 1;
        if (Spent(candidates[high], llr, p0, minEvents) > alpha)
        {
            // Even the largest attainable value signals too often: no rule of this family holds alpha.
            return new MaxSprtBoundary(double.PositiveInfinity, 0);
        }

        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Spent(candidates[middle], llr, p0, minEvents) <= alpha) high = middle;
            else low = middle + 1;
        }

        return new MaxSprtBoundary(candidates[low], Spent(candidates[low], llr, p0, minEvents));
    }

    /// <summary>The null probability that the rule with critical value <paramref name="v"/> signals by the last event.</summary>
    private static double Spent(double v, double[][] llr, double p0, int minEvents)
    {
        var maxEvents = llr.Length - 1;
        var walk = new double[maxEvents + 2];
        var next = new double[maxEvents + 2];
        walk[0] = 1;
        var spent = 0.0;
        for (var k = 1; k <= maxEvents; k++)
        {
            next[0] = walk[0] * (1 - p0);
            for (var j = 1; j <= k; j++) next[j] = walk[j] * (1 - p0) + walk[j - 1] * p0;
            if (k >= minEvents)
            {
                for (var j = 0; j <= k; j++)
                {
                    if (llr[k][j] >= v && next[j] != 0)
                    {
                        spent += next[j];
                        next[j] = 0;
                    }
                }
            }

            (walk, next) = (next, walk);
        }

        return spent;
    }
}
