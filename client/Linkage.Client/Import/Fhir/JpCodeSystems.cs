using System.Collections.Frozen;

namespace Linkage.Client.Import.Fhir;

/// <summary>
/// The one table of the code system URIs JP Core and JP-CLINS (電子カルテ情報共有サービス) use, and what their codes are
/// (docs/formats.md, "Code system table"). Each system is listed under its URL and its OID form (JP-CLINS moved from
/// OIDs to URLs in 1.5.0; data written before still carries the OIDs). Operators add systems with
/// <c>--code-system ROLE=URI</c> or a settings file (<see cref="CodeSystemSettings"/>).
/// </summary>
/// <remarks>
/// Sources: the JP Core NamingSystem definitions (jami-fhir-jp-wg/jp-core-v1x) and the JP-CLINS implementation guide's
/// table of code systems and its OID-to-URL table (jami-fhir-jp-wg/clinical-core), read in December 2026.
/// </remarks>
public static class JpCodeSystems
{
    /// <summary>Every system of the table with its role, in the order they are tried.</summary>
    public static IReadOnlyList<(CodeSystemRole Role, string Uri)> All { get; } =
    [
        (CodeSystemRole.Icd10, "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full"),
        (CodeSystemRole.Icd10, "http://hl7.org/fhir/sid/icd-10"),
        (CodeSystemRole.Icd10, "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-3digits"),

        (CodeSystemRole.ReceiptDisease, "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterB-disease"),

        (CodeSystemRole.DiseaseKeyNumber, "http://medis.or.jp/CodeSystem/master-disease-keyNumber"),
        (CodeSystemRole.DiseaseKeyNumber, "urn:oid:1.2.392.200119.4.101.2"),
        (CodeSystemRole.DiseaseExchangeCode, "http://medis.or.jp/CodeSystem/master-disease-exCode"),
        (CodeSystemRole.DiseaseExchangeCode, "urn:oid:1.2.392.200119.4.101.6"),

        (CodeSystemRole.Jlac10, "http://medis.or.jp/CodeSystem/master-JLAC10-17digits"),
        (CodeSystemRole.Jlac10, "urn:oid:1.2.392.200119.4.504"),
        (CodeSystemRole.Jlac10, "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS"),
        (CodeSystemRole.Jlac10, "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_InfectionLabo_CS"),

        (CodeSystemRole.Yj, "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code"),
        (CodeSystemRole.Yj, "urn:oid:1.2.392.100495.20.1.73"),

        (CodeSystemRole.Hot13, "http://medis.or.jp/CodeSystem/master-HOT13"),
        (CodeSystemRole.Hot13, "urn:oid:1.2.392.200119.4.402.1"),
        (CodeSystemRole.Hot9, "http://medis.or.jp/CodeSystem/master-HOT9"),
        (CodeSystemRole.Hot9, "urn:oid:1.2.392.200119.4.403.1"),
        (CodeSystemRole.Hot9, "urn:oid:1.2.392.100495.20.2.74"),
        (CodeSystemRole.Hot7, "http://medis.or.jp/CodeSystem/master-HOT7"),
        (CodeSystemRole.Hot7, "urn:oid:1.2.392.200119.4.403.2"),

        (CodeSystemRole.GenericName, "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationGeneralOrderCode"),
        (CodeSystemRole.GenericName, "urn:oid:1.2.392.100495.20.1.81"),
        (CodeSystemRole.GenericName, "urn:oid:1.2.392.100495.20.2.81"),

        (CodeSystemRole.Procedure, "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterS-medicalProcedure"),
        (CodeSystemRole.Procedure, "http://jpfhir.jp/fhir/core/CodeSystem/JP_ProcedureCodesMedical_CS"),
    ];

    /// <summary>The names of the roles as the CLI and the settings file write them (<c>jlac10</c>, <c>disease-key-number</c>...).</summary>
    public static FrozenDictionary<string, CodeSystemRole> RoleNames { get; } = new Dictionary<string, CodeSystemRole>(StringComparer.Ordinal)
    {
        ["icd10"] = CodeSystemRole.Icd10,
        ["receipt-disease"] = CodeSystemRole.ReceiptDisease,
        ["disease-key-number"] = CodeSystemRole.DiseaseKeyNumber,
        ["disease-exchange-code"] = CodeSystemRole.DiseaseExchangeCode,
        ["jlac10"] = CodeSystemRole.Jlac10,
        ["yj"] = CodeSystemRole.Yj,
        ["hot13"] = CodeSystemRole.Hot13,
        ["hot9"] = CodeSystemRole.Hot9,
        ["hot7"] = CodeSystemRole.Hot7,
        ["generic-name"] = CodeSystemRole.GenericName,
        ["procedure"] = CodeSystemRole.Procedure,
        ["surgery"] = CodeSystemRole.Surgery,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The table's systems of <paramref name="role"/>, in order.</summary>
    public static IReadOnlyList<string> Of(CodeSystemRole role) => [.. All.Where(s => s.Role == role).Select(s => s.Uri)];
}
