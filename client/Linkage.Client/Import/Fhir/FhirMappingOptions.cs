namespace Linkage.Client.Import.Fhir;

/// <summary>Which FHIR identifiers, names and code systems become which events-v1 tokens and codes (see docs/formats.md).</summary>
/// <remarks>Lists of systems are tried in order; a coding or identifier whose system is not listed is not used.</remarks>
public sealed record FhirMappingOptions
{
    /// <summary>The iso21090 name-representation extension JP Core puts on each <c>HumanName</c> (IDE kanji, SYL kana).</summary>
    public const string NameRepresentationUrl = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

    /// <summary>Patient identifier systems whose value is the lifelong medical ID (医療等ID), tokenized as <c>mid</c>.</summary>
    public IReadOnlyList<string> MidSystems { get; init; } = [];

    /// <summary>Patient identifier systems whose value is <c>insurer:symbol:number:branch</c>, tokenized as <c>id1</c>.</summary>
    /// <remarks>JP Core / 電子カルテ情報共有サービス: 被保険者個人識別子, e.g. <c>00012345:あいう:１８７:05</c>.</remarks>
    public IReadOnlyList<string> Id1Systems { get; init; } = ["http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID"];

    /// <summary>The <see cref="NameRepresentationUrl"/> code that marks the kana name used for <c>id2</c> (JP Core: <c>SYL</c>).</summary>
    public string? KanaNameRepresentation { get; init; } = "SYL";

    /// <summary><c>HumanName.use</c> values whose name is taken for <c>id2</c> when no name carries <see cref="KanaNameRepresentation"/>.</summary>
    /// <remarks>Empty for JP Core; <c>official</c> for Synthea, whose Latin names are upper-cased by the token normalisation.</remarks>
    public IReadOnlyList<string> KanaNameUses { get; init; } = [];

    /// <summary>When true, only a name written in kana becomes <c>id2</c>; set false for data sets with Latin names (Synthea).</summary>
    public bool RequireKana { get; init; } = true;

    /// <summary>ICD-10 code systems of <c>Condition.code</c> and claim diagnoses.</summary>
    public IReadOnlyList<string> Icd10Systems { get; init; } =
        ["http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full", "http://hl7.org/fhir/sid/icd-10"];

    /// <summary>Systems of 7-digit receipt disease codes (傷病名コード), mapped through the disease master or kept as <c>JP:</c>.</summary>
    public IReadOnlyList<string> ReceiptDiseaseSystems { get; init; } = ["http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterB-disease"];

    /// <summary>JLAC10 (17 characters) systems of laboratory <c>Observation.code</c>.</summary>
    public IReadOnlyList<string> LabCodeSystems { get; init; } =
        ["http://medis.or.jp/CodeSystem/master-JLAC10-17digits", "urn:oid:1.2.392.200119.4.504"];

    /// <summary>
    /// Systems whose codes are YJ codes, of dispenses, requests and claim drug items: events-v1 <c>medication.code</c>
    /// is a YJ code, so list no other system here (a medication coded only in RxNorm is rejected, naming its coding).
    /// </summary>
    public IReadOnlyList<string> MedicationCodeSystems { get; init; } =
        ["http://capstandard.jp/iyaku.info/CodeSystem/YJ-code", "urn:oid:1.2.392.100495.20.1.73"];

    /// <summary>Systems of surgical K-codes on <c>Procedure.code</c>; when empty, any coding shaped like a K-code (<c>K5493</c>) is taken.</summary>
    public IReadOnlyList<string> SurgeryCodeSystems { get; init; } = [];

    /// <summary>Procedure code systems of claim items (9-digit medical procedure codes, 診療行為コード).</summary>
    public IReadOnlyList<string> ProcedureCodeSystems { get; init; } =
        ["http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterS-medicalProcedure", "http://jpfhir.jp/fhir/core/CodeSystem/JP_ProcedureCodesMedical_CS"];

    /// <summary>Identifier systems of the 10-digit medical institution code on a claim's provider or facility.</summary>
    public IReadOnlyList<string> FacilitySystems { get; init; } = ["http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no"];

    /// <summary>When true the patient's prefecture comes from <c>Patient.address.state</c> (a JIS code or the prefecture's name).</summary>
    public bool PrefectureFromAddress { get; init; } = true;

    /// <summary>JP Core R4 (and 電子カルテ情報共有サービス) defaults.</summary>
    public static FhirMappingOptions JpCore { get; } = new();

    /// <summary>
    /// Synthea's bulk export: its patient UUID stands in for the medical ID, the official (Latin) name for the kana name.
    /// Its codes stay what they are: RxNorm medications, SNOMED CT conditions and procedures and LOINC labs are not
    /// the systems events-v1 takes, so those resources are rejected with the coding they give.
    /// </summary>
    public static FhirMappingOptions Synthea { get; } = new()
    {
        MidSystems = ["https://github.com/synthetichealth/synthea"],
        Id1Systems = [],
        KanaNameRepresentation = null,
        KanaNameUses = ["official"],
        RequireKana = false,
    };
}
