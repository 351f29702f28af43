using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>The facts of one current record that a cohort criterion of its kind can match.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.SummaryEvent")]
public sealed record SummaryEvent
{
    [Id(0)] public required EventKind Kind { get; init; }

    [Id(1)] public required DateOnly Date { get; init; }

    /// <summary>lab, medication, surgery: the code; vital: the type; maternal: the entry; death: the underlying cause.</summary>
    [Id(2)] public string? Code { get; init; }

    /// <summary>lab and vital: the value; maternal: the birth weight.</summary>
    [Id(3)] public double? Value { get; init; }

    /// <summary>surgery: the complication flag, when the record gives it.</summary>
    [Id(4)] public bool? Flag { get; init; }

    /// <summary>receipt: the diagnoses that are not suspected (suspected ones never match).</summary>
    [Id(5)] public ImmutableArray<string> Diagnoses { get; init; } = [];

    /// <summary>receipt: the procedure codes.</summary>
    [Id(6)] public ImmutableArray<string> Procedures { get; init; } = [];

    /// <summary>receipt: the drug codes.</summary>
    [Id(7)] public ImmutableArray<string> Drugs { get; init; } = [];

    /// <summary>The record's own <c>subject.pref</c> (not the person's latest), when it gives one: where surveillance places an episode.</summary>
    [Id(8)] public string? Pref { get; init; }

    /// <summary>receipt: the 10-digit facility, when the record gives one (cohort-v1's <c>facility</c> key).</summary>
    [Id(9)] public string? Facility { get; init; }

    public bool Equals(SummaryEvent? other) =>
        other is not null && Kind == other.Kind && Date == other.Date && Code == other.Code && Value == other.Value
        && Flag == other.Flag && Diagnoses.SequenceEqual(other.Diagnoses) && Procedures.SequenceEqual(other.Procedures)
        && Drugs.SequenceEqual(other.Drugs) && Pref == other.Pref && Facility == other.Facility;

    public override int GetHashCode() => HashCode.Combine(Kind, Date, Code, Value, Flag);
}
