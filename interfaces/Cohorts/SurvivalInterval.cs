namespace Linkage.Cohorts;

/// <summary>One row of a published life table: days <see cref="From"/> to <see cref="To"/> after entry.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SurvivalInterval")]
public sealed record SurvivalInterval
{
    /// <summary>The interval's first day after entry.</summary>
    [Id(0)] public required int From { get; init; }

    /// <summary>The interval's last day after entry.</summary>
    [Id(1)] public required int To { get; init; }

    /// <summary>People whose time is at least <see cref="From"/>.</summary>
    [Id(2)] public required long AtRisk { get; init; }

    /// <summary>People whose outcome came in this interval.</summary>
    [Id(3)] public required long Events { get; init; }

    /// <summary>People censored in this interval.</summary>
    [Id(4)] public required long Censored { get; init; }

    /// <summary>The actuarial survival at the interval's end, rounded to 4 decimals.</summary>
    [Id(5)] public required double Survival { get; init; }
}
