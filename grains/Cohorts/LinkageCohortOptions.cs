using System.ComponentModel.DataAnnotations;
using Linkage.Disclosure;

namespace Linkage.Cohorts;

/// <summary>Cohort queries (<c>Linkage:Cohorts</c>).</summary>
public sealed class LinkageCohortOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Cohorts";

    /// <summary>The smallest <c>minCell</c> a research client may ask for: no published count lies between 1 and this minus 1.</summary>
    [Range(CohortDefinition.DefaultMinCell, 1_000_000, ErrorMessage = "must be at least 10 (cohort-v1's default) and at most 1,000,000")]
    public int MinCellFloor { get; set; } = CohortDefinition.DefaultMinCell;

    /// <summary>How long a query waits for a recovering cluster before it is answered 503.</summary>
    public TimeSpan RecoveryWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The least time between two evaluations of a live analysis (a safety monitor, a surveillance indicator) while
    /// ingests keep changing the index; alerts come within about this after an acknowledgement.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05", ErrorMessage = "must be from 10 ms to 5 s (alerts are due within a second of an acknowledgement)")]
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cell-key perturbation of cohort-v1's "Disclosure control" (<c>Linkage:Cohorts:Perturbation</c>); off by default.</summary>
    public CohortPerturbationOptions Perturbation { get; set; } = new();

    /// <summary>The deployment's perturbation, or null when counts are exact.</summary>
    public CellPerturbation? CellPerturbation() => Perturbation.Enabled ? new CellPerturbation(Perturbation.Secret!) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Perturbation.Enabled && (Perturbation.Secret?.Length ?? 0) < CohortPerturbationOptions.MinSecretLength)
        {
            yield return new ValidationResult(
                $"must be at least {CohortPerturbationOptions.MinSecretLength} characters when Perturbation:Enabled is true",
                [$"{nameof(Perturbation)}:{nameof(CohortPerturbationOptions.Secret)}"]);
        }
    }
}
