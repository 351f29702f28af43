using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Surveillance;

/// <summary>A surveillance-v1 indicator: an event matches when it matches any of <see cref="AnyOf"/>; episodes last <see cref="EpisodeDays"/>.</summary>
[GenerateSerializer, Immutable, Alias("linkage.IndicatorDefinition")]
public sealed record IndicatorDefinition
{
    public const int DefaultEpisodeDays = 90;

    [Id(0)] public required ImmutableArray<CohortCriterion> AnyOf { get; init; }

    [Id(1)] public int EpisodeDays { get; init; } = DefaultEpisodeDays;
}
