namespace Linkage.Cohorts;

/// <summary>The cell-key perturbation of cohort answers (<c>Linkage:Cohorts:Perturbation</c>).</summary>
public sealed class CohortPerturbationOptions
{
    public const int MinSecretLength = 16;

    /// <summary>Every count is published with its cell key's offset, and answers say <c>"perturbed": true</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The server secret the people's keys derive from. Keep it fixed: the same set of people gets the same published
    /// count only while it is the same, and a reader who learnt it could take the offsets off.
    /// </summary>
    public string? Secret { get; set; }
}
