namespace Linkage.Safety;

/// <summary>
/// The published numbers of one index–marker pair (safety-v1): sequence counts, ratios rounded to 4 decimals, p to 6
/// significant digits. All null when a count has to be suppressed.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaRatios")]
public sealed record SsaRatios
{
    public static SsaRatios Suppressed { get; } = new();

    [Id(0)] public long? IndexFirst { get; init; }

    [Id(1)] public long? MarkerFirst { get; init; }

    [Id(2)] public double? Csr { get; init; }

    [Id(3)] public double? Nsr { get; init; }

    [Id(4)] public double? Asr { get; init; }

    [Id(5)] public double? AsrLow { get; init; }

    [Id(6)] public double? AsrHigh { get; init; }

    [Id(7)] public double? P { get; init; }

    [Id(8)] public bool? Signal { get; init; }
}
