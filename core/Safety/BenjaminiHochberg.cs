namespace Linkage.Safety;

/// <summary>The Benjamini–Hochberg adjustment (false discovery rate) of a screening's p values.</summary>
public static class BenjaminiHochberg
{
    /// <summary>q of each p, in the same order: min over the p's at or above it in rank of m p / rank, at most 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var q = new double[m];
        var smallest = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            smallest = Math.Min(smallest, p[i] * m / rank);
            q[i] = smallest;
        }

        return q;
    }
}
