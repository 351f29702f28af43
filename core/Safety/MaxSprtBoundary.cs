namespace Linkage.Safety;

/// <summary>A MaxSPRT critical value and the probability of a signal under the null that it spends (safety-v1).</summary>
public readonly record struct MaxSprtBoundary(double CriticalValue, double AlphaSpent);
