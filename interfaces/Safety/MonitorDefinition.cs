using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>
/// A safety-v1 sequential monitor: one exposure–outcome pair in a self-controlled risk-interval design, tested with
/// the binomial MaxSPRT as records arrive.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.MonitorDefinition")]
public sealed record MonitorDefinition
{
    public const double DefaultAlpha = 0.05;
    public const int DefaultMinEvents = 4;
    public const int DefaultMaxEvents = 200;

    /// <summary>1..64 of a-z, 0-9, <c>-</c> and <c>_</c>: the monitor's path segment.</summary>
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required CohortCriterion Exposure { get; init; }

    [Id(2)] public required CohortCriterion Outcome { get; init; }

    [Id(3)] public required DayWindow Risk { get; init; }

    [Id(4)] public required DayWindow Control { get; init; }

    [Id(5)] public int RunIn { get; init; } = SsaRequest.DefaultRunIn;

    [Id(6)] public double Alpha { get; init; } = DefaultAlpha;

    [Id(7)] public int MinEvents { get; init; } = DefaultMinEvents;

    [Id(8)] public int MaxEvents { get; init; } = DefaultMaxEvents;

    /// <summary><c>p0 = 1 / (1 + z)</c>, z the control window's length over the risk window's.</summary>
    public double P0 => 1.0 / (1.0 + (double)Control.Length / Risk.Length);
}
