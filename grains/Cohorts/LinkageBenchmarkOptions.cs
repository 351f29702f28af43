using System.ComponentModel.DataAnnotations;
using Linkage.Benchmarks;

namespace Linkage.Cohorts;

/// <summary>Facility benchmarks (<c>Linkage:Benchmarks</c>).</summary>
public sealed class LinkageBenchmarkOptions
{
    public const string SectionName = "Linkage:Benchmarks";

    /// <summary>The secret of Development hosts and tests; a Production host refuses it (and an absent secret).</summary>
    public const string DevelopmentSecret = "linkage-development-facility-pseudonyms";

    /// <summary>
    /// The server secret researchers' facility pseudonyms are keyed with. Keep it fixed: pseudonyms are stable only
    /// while it is, and whoever knows it can hash every facility code and undo them.
    /// </summary>
    [MinLength(FacilityPseudonyms.MinSecretLength, ErrorMessage = "must be at least 16 characters")]
    public string? PseudonymSecret { get; set; }

    /// <summary>The pseudonyms of this deployment (the development secret when none is configured).</summary>
    public FacilityPseudonyms Pseudonyms() => new(PseudonymSecret ?? DevelopmentSecret);
}
