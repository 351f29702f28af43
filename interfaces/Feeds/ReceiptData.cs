using System.Collections.Immutable;

namespace Linkage.Feeds;

/// <summary>An insurance claim (レセプト): setting, facility, diagnoses, procedures, drugs and points.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.ReceiptData")]
public sealed record ReceiptData : EventData
{
    public override EventKind Kind => EventKind.Receipt;

    /// <summary><c>inpatient</c>, <c>outpatient</c>, <c>dpc</c>, <c>pharmacy</c> or <c>dental</c>.</summary>
    [Id(0)] public required string Setting { get; init; }

    /// <summary>10-digit medical institution code.</summary>
    [Id(1)] public string? Facility { get; init; }

    [Id(2)] public ImmutableArray<Diagnosis> Diagnoses { get; init; } = [];

    [Id(3)] public ImmutableArray<string> Procedures { get; init; } = [];

    [Id(4)] public ImmutableArray<DrugUse> Drugs { get; init; } = [];

    [Id(5)] public int? Points { get; init; }

    public bool Equals(ReceiptData? other) =>
        other is not null && Setting == other.Setting && Facility == other.Facility && Points == other.Points
        && Diagnoses.SequenceEqual(other.Diagnoses) && Procedures.SequenceEqual(other.Procedures)
        && Drugs.SequenceEqual(other.Drugs);

    public override int GetHashCode() => HashCode.Combine(Setting, Facility, Points, Diagnoses.Length, Procedures.Length, Drugs.Length);
}
