using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Surveillance;

/// <summary>One partition's episode counts and the latest record day of its people (a DayNumber; null when it holds no one).</summary>
[GenerateSerializer, Immutable, Alias("linkage.IndicatorPartial")]
public sealed record IndicatorPartial(
    [property: Id(0)] ImmutableArray<EpisodeCell> Cells,
    [property: Id(1)] int? LatestDay) : IndexPartial;
