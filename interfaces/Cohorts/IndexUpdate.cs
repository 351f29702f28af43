using System.Collections.Immutable;
using Linkage.Linking;

namespace Linkage.Cohorts;

/// <summary>
/// What one component's people look like now, sent to its index partition before the ingest that changed them is
/// acknowledged. It replaces whatever the partition held for the component; no people means the component is gone.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.IndexUpdate")]
public sealed record IndexUpdate
{
    [Id(0)] public required ComponentId Component { get; init; }

    [Id(1)] public required ImmutableArray<PersonSummary> People { get; init; }

    public bool Equals(IndexUpdate? other) => other is not null && Component == other.Component && People.SequenceEqual(other.People);

    public override int GetHashCode() => HashCode.Combine(Component, People.Length);
}
