using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>A monitor's (n, c) asked of every index partition (safety-v1).</summary>
[GenerateSerializer, Immutable, Alias("linkage.MonitorQuery")]
public sealed record MonitorQuery : IndexQuery
{
    [Id(0)] public required MonitorDefinition Definition { get; init; }
}
