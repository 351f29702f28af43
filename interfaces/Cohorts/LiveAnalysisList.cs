using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>The grains registered with <see cref="ILiveAnalysesGrain"/>, at a version of the list.</summary>
[GenerateSerializer, Immutable, Alias("linkage.LiveAnalysisList")]
public sealed record LiveAnalysisList
{
    [Id(0)] public required long Version { get; init; }

    [Id(1)] public required ImmutableArray<GrainId> Analyses { get; init; }
}
