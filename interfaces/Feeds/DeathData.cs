using System.Collections.Immutable;

namespace Linkage.Feeds;

/// <summary>A death certificate (死亡診断書): underlying cause, causes and place.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.DeathData")]
public sealed record DeathData : EventData
{
    public override EventKind Kind => EventKind.Death;

    /// <summary>ICD-10 code of the underlying cause.</summary>
    [Id(0)] public required string Underlying { get; init; }

    [Id(1)] public ImmutableArray<string> Causes { get; init; } = [];

    /// <summary><c>hospital</c>, <c>home</c>, <c>facility</c> or <c>other</c>.</summary>
    [Id(2)] public string? Place { get; init; }

    public bool Equals(DeathData? other) =>
        other is not null && Underlying == other.Underlying && Place == other.Place && Causes.SequenceEqual(other.Causes);

    public override int GetHashCode() => HashCode.Combine(Underlying, Place, Causes.Length);
}
