using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>A safety-v1 sequence symmetry request: one index against one marker, or against every code of a length.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaRequest")]
public sealed record SsaRequest
{
    public const int DefaultWindow = 365;
    public const int DefaultRunIn = 365;
    public const int MaxDays = 3650;

    [Id(0)] public required CohortCriterion Index { get; init; }

    /// <summary>The marker of a single pair; null in a screening.</summary>
    [Id(1)] public CohortCriterion? Marker { get; init; }

    /// <summary>The codes a screening takes as markers; null for a single pair.</summary>
    [Id(2)] public MarkerScreen? Screen { get; init; }

    /// <summary>Days (1..3650) between index and marker within which a sequence counts.</summary>
    [Id(3)] public int Window { get; init; } = DefaultWindow;

    /// <summary>Days (0..3650) from observation start before a first date is incident.</summary>
    [Id(4)] public int RunIn { get; init; } = DefaultRunIn;

    /// <summary>First dates outside it are treated as absent.</summary>
    [Id(5)] public DatePeriod? Period { get; init; }

    [Id(6)] public required int MinCell { get; init; }
}
