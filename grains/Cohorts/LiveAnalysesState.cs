namespace Linkage.Cohorts;

/// <summary>Stored state of the live analyses' registry.</summary>
[GenerateSerializer, Alias("linkage.LiveAnalysesState")]
public sealed class LiveAnalysesState
{
    [Id(0)] public long Version { get; set; }

    [Id(1)] public List<GrainId> Analyses { get; set; } = [];
}
