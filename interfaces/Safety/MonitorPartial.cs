using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>One index partition's monitor events: <see cref="N"/> people counted, <see cref="C"/> of them in the risk window. They add up.</summary>
[GenerateSerializer, Immutable, Alias("linkage.MonitorPartial")]
public sealed record MonitorPartial : IndexPartial
{
    [Id(0)] public int N { get; init; }

    [Id(1)] public int C { get; init; }
}
