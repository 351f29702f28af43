namespace Linkage.Benchmarks;

/// <summary>
/// benchmark-v1's additive random-effects variance τ² (Spiegelhalter 2005): the facilities' z-scores
/// <c>(smr - 1) · sqrt(E)</c>, winsorized at the ⌈0.1 I⌉-th smallest and largest, give <c>φ = Σ z² / I</c>; past
/// <c>I φ &gt; I - 1</c>, <c>τ² = (I φ - (I - 1)) / (Σ E - Σ E² / Σ E)</c>.
/// </summary>
public static class Overdispersion
{
    /// <summary>τ² over the facilities that expect more than 0; 0 when fewer than two do (no spread to measure).</summary>
    public static double Tau2(IEnumerable<FacilityExpectation> facilities)
    {
        ArgumentNullException.ThrowIfNull(facilities);
        var counted = facilities.Where(f => f.Expected > 0).ToList();
        var count = counted.Count;
        if (count < 2) return 0;
        var scores = counted.Select(f => (f.Observed / f.Expected - 1) * Math.Sqrt(f.Expected)).ToArray();
        var sorted = scores.Order().ToArray();
        var cut = (int)Math.Ceiling(0.1 * count);
        var (floor, ceiling) = (sorted[cut - 1], sorted[count - cut]);
        var phi = scores.Sum(z => Math.Pow(Math.Clamp(z, floor, ceiling), 2)) / count;
        if (!(count * phi > count - 1)) return 0;
        var sum = counted.Sum(f => f.Expected);
        var spread = sum - counted.Sum(f => f.Expected * f.Expected) / sum;
        return spread > 0 ? (count * phi - (count - 1)) / spread : 0;
    }
}
