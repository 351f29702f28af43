namespace Linkage.Benchmarks;

/// <summary>A facility's people, observed outcomes and expected outcomes under the reference rates (exact, unpublished).</summary>
public readonly record struct FacilityExpectation(string Facility, long People, long Observed, double Expected)
{
    /// <summary>Observed over expected; null when nothing is expected.</summary>
    public double? Smr => Expected > 0 ? Observed / Expected : null;
}
