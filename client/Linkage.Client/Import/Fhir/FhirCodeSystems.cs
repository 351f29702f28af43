namespace Linkage.Client.Import.Fhir;

/// <summary>The international code systems the FHIR mapping knows by name.</summary>
internal static class FhirCodeSystems
{
    public const string Loinc = "http://loinc.org";

    public const string Snomed = "http://snomed.info/sct";

    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>Systems whose codes are never surgical K-codes, however they look (ICD-10 <c>K359</c> is appendicitis).</summary>
    public static readonly IReadOnlySet<string> NotSurgery = new HashSet<string>(StringComparer.Ordinal)
    {
        Loinc,
        Snomed,
        RxNorm,
        "http://hl7.org/fhir/sid/icd-10",
        "http://hl7.org/fhir/sid/icd-10-cm",
        "http://www.cms.gov/Medicare/Coding/ICD10",
        "http://hl7.org/fhir/sid/icd-9-cm",
        "http://www.ama-assn.org/go/cpt",
    };
}
