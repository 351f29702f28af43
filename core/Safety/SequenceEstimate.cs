namespace Linkage.Safety;

/// <summary>
/// The ratios of one index–marker pair (safety-v1), unrounded: crude, null-effect and adjusted sequence ratios, the
/// Jeffreys interval of the adjusted ratio, the one-sided exact binomial p, and whether it signals. A value the
/// counts leave undefined is null.
/// </summary>
public sealed record SequenceEstimate(
    long IndexFirst, long MarkerFirst, double? Csr, double? Nsr, double? Asr, double? AsrLow, double? AsrHigh, double? P, bool Signal);
