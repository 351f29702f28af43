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
    /// <remarks>The JP-CLINS examples write the system as <c>http://jpfhir.jp/fhir/eCS/Idsysmem/JP_Insurance_memberID</c> (so spelt); it is taken too.</remarks>
    public IReadOnlyList<string> Id1Systems { get; init; } =
        ["http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID", "http://jpfhir.jp/fhir/eCS/Idsysmem/JP_Insurance_memberID"];

    /// <summary>The <see cref="NameRepresentationUrl"/> code that marks the kana name used for <c>id2</c> (JP Core: <c>SYL</c>).</summary>
    public string? KanaNameRepresentation { get; init; } = "SYL";

    /// <summary><c>HumanName.use</c> values whose name is taken for <c>id2</c> when no name carries <see cref="KanaNameRepresentation"/>.</summary>
    /// <remarks>Empty for JP Core; <c>official</c> for Synthea, whose Latin names are upper-cased by the token normalisation.</remarks>
    public IReadOnlyList<string> KanaNameUses { get; init; } = [];

    /// <summary>When true, only a name written in kana becomes <c>id2</c>; set false for data sets with Latin names (Synthea).</summary>
    public bool RequireKana { get; init; } = true;

    /// <summary>ICD-10 code systems of <c>Condition.code</c> and claim diagnoses.</summary>
    public IReadOnlyList<string> Icd10Systems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Icd10);

    /// <summary>Systems of 7-digit receipt disease codes (傷病名コード), mapped through the disease master or kept as <c>JP:</c>.</summary>
    public IReadOnlyList<string> ReceiptDiseaseSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.ReceiptDisease);

    /// <summary>Systems of MEDIS 病名管理番号 (8 digits), mapped to ICD-10 through the disease master's 病名管理番号 column.</summary>
    public IReadOnlyList<string> DiseaseKeyNumberSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.DiseaseKeyNumber);

    /// <summary>Systems of MEDIS 病名交換用コード (4 letters or digits), mapped to ICD-10 through the disease master's 病名交換用コード column.</summary>
    public IReadOnlyList<string> DiseaseExchangeCodeSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.DiseaseExchangeCode);

    /// <summary>JLAC10 (17 characters) systems of laboratory <c>Observation.code</c>.</summary>
    public IReadOnlyList<string> LabCodeSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Jlac10);

    /// <summary>
    /// Systems whose codes are YJ codes, of dispenses, requests and claim drug items: events-v1 <c>medication.code</c>
    /// is a YJ code, so list no other system here (a medication coded only in RxNorm is rejected, naming its coding).
    /// </summary>
    public IReadOnlyList<string> MedicationCodeSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Yj);

    /// <summary>Systems of MEDIS HOT13 codes, mapped to YJ through the HOT code master when one is given.</summary>
    public IReadOnlyList<string> Hot13Systems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Hot13);

    /// <summary>Systems of MEDIS HOT9 codes, mapped to YJ through the HOT code master when one is given.</summary>
    public IReadOnlyList<string> Hot9Systems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Hot9);

    /// <summary>Systems of MEDIS HOT7 codes, mapped to YJ through the HOT code master when they name one YJ code there.</summary>
    public IReadOnlyList<string> Hot7Systems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Hot7);

    /// <summary>Systems of 一般名処方マスタ codes (generic-name prescriptions), mapped to YJ only through an operator's generic-name map.</summary>
    public IReadOnlyList<string> GenericNameSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.GenericName);

    /// <summary>Systems of surgical K-codes on <c>Procedure.code</c>; when empty, any coding shaped like a K-code (<c>K5493</c>) is taken.</summary>
    public IReadOnlyList<string> SurgeryCodeSystems { get; init; } = [];

    /// <summary>Procedure code systems of claim items (9-digit medical procedure codes, 診療行為コード).</summary>
    public IReadOnlyList<string> ProcedureCodeSystems { get; init; } = JpCodeSystems.Of(CodeSystemRole.Procedure);

    /// <summary>Identifier systems of the 10-digit medical institution code on a claim's provider or facility.</summary>
    public IReadOnlyList<string> FacilitySystems { get; init; } = ["http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no"];

    /// <summary>When true the patient's prefecture comes from <c>Patient.address.state</c> (a JIS code or the prefecture's name).</summary>
    public bool PrefectureFromAddress { get; init; } = true;

    /// <summary>These options with more systems (an operator's <c>--code-system</c> or settings file), each after the systems of its role.</summary>
    public FhirMappingOptions WithSystems(IEnumerable<(CodeSystemRole Role, string Uri)> systems)
    {
        ArgumentNullException.ThrowIfNull(systems);
        var options = this;
        foreach (var (role, uri) in systems)
        {
            static IReadOnlyList<string> Add(IReadOnlyList<string> list, string uri) => list.Contains(uri, StringComparer.Ordinal) ? list : [.. list, uri];
            options = role switch
            {
                CodeSystemRole.Icd10 => options with { Icd10Systems = Add(options.Icd10Systems, uri) },
                CodeSystemRole.ReceiptDisease => options with { ReceiptDiseaseSystems = Add(options.ReceiptDiseaseSystems, uri) },
                CodeSystemRole.DiseaseKeyNumber => options with { DiseaseKeyNumberSystems = Add(options.DiseaseKeyNumberSystems, uri) },
                CodeSystemRole.DiseaseExchangeCode => options with { DiseaseExchangeCodeSystems = Add(options.DiseaseExchangeCodeSystems, uri) },
                CodeSystemRole.Jlac10 => options with { LabCodeSystems = Add(options.LabCodeSystems, uri) },
                CodeSystemRole.Yj => options with { MedicationCodeSystems = Add(options.MedicationCodeSystems, uri) },
                CodeSystemRole.Hot13 => options with { Hot13Systems = Add(options.Hot13Systems, uri) },
                CodeSystemRole.Hot9 => options with { Hot9Systems = Add(options.Hot9Systems, uri) },
                CodeSystemRole.Hot7 => options with { Hot7Systems = Add(options.Hot7Systems, uri) },
                CodeSystemRole.GenericName => options with { GenericNameSystems = Add(options.GenericNameSystems, uri) },
                CodeSystemRole.Procedure => options with { ProcedureCodeSystems = Add(options.ProcedureCodeSystems, uri) },
                CodeSystemRole.Surgery => options with { SurgeryCodeSystems = Add(options.SurgeryCodeSystems, uri) },
                _ => throw new ArgumentOutOfRangeException(nameof(systems), role, "unknown code system role"),
            };
        }

        return options;
    }

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
