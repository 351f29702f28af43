namespace Linkage.Disclosure;

/// <summary>
/// The rule every published count of people goes through: the small-cell threshold and, when the deployment turns
/// it on, the cell-key perturbation (cohort-v1, "Disclosure control").
/// </summary>
/// <param name="MinCell">No count from 1 to MinCell - 1 is published or derivable.</param>
/// <param name="Perturbation">The deployment's perturbation, or null when counts are exact.</param>
public sealed record CellRule(int MinCell, CellPerturbation? Perturbation)
{
    public bool Perturbed => Perturbation is not null;

    /// <summary>A cell of <paramref name="exact"/> people whose keys sum to <paramref name="cellKey"/>.</summary>
    public PublishedCell Of(long exact, ulong cellKey) =>
        new(exact, Perturbation is { } perturbation ? exact + CellPerturbation.Offset(exact, cellKey) : exact);

    /// <summary>Neither the count nor what would be published is from 1 to MinCell - 1.</summary>
    public bool Publishable(PublishedCell cell) => Harmless(cell.Exact) && Harmless(cell.Published);

    /// <summary>A count of people a reader may know: 0 or at least MinCell.</summary>
    public bool Harmless(long exact) => exact == 0 || exact >= MinCell;
}
