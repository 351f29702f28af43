namespace Linkage.Benchmarks;

/// <summary>Where a facility's SMR lies against a pair of funnel limits.</summary>
public enum FunnelFlag
{
    /// <summary>Between the limits, either limit included.</summary>
    Within,

    /// <summary>Above the upper limit.</summary>
    High,

    /// <summary>Below the lower limit.</summary>
    Low,
}
