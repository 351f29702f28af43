using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>
/// A cohort-v1 criterion: an event of <see cref="Kind"/> for which every field given holds (codes by prefix, bounds
/// inclusive), inside the window <see cref="From"/>..<see cref="To"/> in days relative to the entry date.
/// </summary>
/// <remarks>Which fields a kind may give is the contract's table; the parser refuses the others.</remarks>
[GenerateSerializer, Immutable, Alias("linkage.CohortCriterion")]
public sealed record CohortCriterion
{
    [Id(0)] public required EventKind Kind { get; init; }

    /// <summary>receipt: a diagnosis that is not suspected; lab, medication, surgery: the code; death: the underlying cause.</summary>
    [Id(1)] public string? Code { get; init; }

    /// <summary>receipt: a procedure code.</summary>
    [Id(2)] public string? Procedure { get; init; }

    /// <summary>receipt: a drug code.</summary>
    [Id(3)] public string? Drug { get; init; }

    /// <summary>Lower bound on lab and vital <c>value</c>, maternal <c>birthWeight</c>.</summary>
    [Id(4)] public double? Min { get; init; }

    /// <summary>Upper bound on lab and vital <c>value</c>, maternal <c>birthWeight</c>.</summary>
    [Id(5)] public double? Max { get; init; }

    /// <summary>surgery: whether there was a complication.</summary>
    [Id(6)] public bool? Complication { get; init; }

    /// <summary>vital: <c>sbp</c>, <c>dbp</c>, ...</summary>
    [Id(7)] public string? Type { get; init; }

    /// <summary>maternal: <c>checkup</c>, <c>delivery</c>, <c>infant</c> or <c>vaccine</c>.</summary>
    [Id(8)] public string? MaternalEntry { get; init; }

    /// <summary>First day of the window relative to the entry date; unbounded when null.</summary>
    [Id(9)] public int? From { get; init; }

    /// <summary>Last day of the window relative to the entry date; unbounded when null.</summary>
    [Id(10)] public int? To { get; init; }

    /// <summary>Whether an event <paramref name="offset"/> days after the entry date (before it when negative) is inside the window.</summary>
    public bool WindowContains(int offset) => (From is not { } from || offset >= from) && (To is not { } to || offset <= to);
}
