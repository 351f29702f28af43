using Linkage.Cohorts;

namespace Linkage.Surveillance;

/// <summary>Asks each index partition for its people's episodes of an indicator, counted by (prefecture, day).</summary>
[GenerateSerializer, Immutable, Alias("linkage.IndicatorQuery")]
public sealed record IndicatorQuery([property: Id(0)] IndicatorDefinition Definition) : IndexQuery;
