using System.ComponentModel.DataAnnotations;

namespace Linkage.Cohorts;

/// <summary>Cohort queries (<c>Linkage:Cohorts</c>).</summary>
public sealed class LinkageCohortOptions
{
    public const string SectionName = "Linkage:Cohorts";

    /// <summary>The smallest <c>minCell</c> a research client may ask for: no published count lies between 1 and this minus 1.</summary>
    [Range(CohortDefinition.DefaultMinCell, 1_000_000, ErrorMessage = "must be at least 10 (cohort-v1's default) and at most 1,000,000")]
    public int MinCellFloor { get; set; } = CohortDefinition.DefaultMinCell;

    /// <summary>How long a query waits for a recovering cluster before it is answered 503.</summary>
    public TimeSpan RecoveryWait { get; set; } = TimeSpan.FromSeconds(10);
}
