using System.Collections.Frozen;
using C = Linkage.Client.Import.Uke.UkeColumns;

namespace Linkage.Client.Import.Uke;

/// <summary>The record layout of one UKE variant: which records exist and where their columns are.</summary>
internal sealed record UkeLayout
{
    private static readonly string[] CommonIgnored = ["KH", "JD", "MF", "CO", "SJ"];

    public required UkeVariant Variant { get; init; }

    /// <summary>The facility record: <c>IR</c>, or <c>YK</c> for a pharmacy.</summary>
    public required string FacilityRecord { get; init; }

    public required int ClaimMonth { get; init; }

    /// <summary>The RE column of the katakana name, when the layout has one.</summary>
    public int? ReKanaName { get; init; }

    /// <summary>The diagnosis record (<c>SY</c>, <c>HS</c>), none for a pharmacy.</summary>
    public string? DiagnosisRecord { get; init; }

    public int DiagnosisCode { get; init; }

    public int DiagnosisModifiers { get; init; }

    public int DiagnosisMain { get; init; }

    /// <summary>Item records grouped by the point-on-last-line rule.</summary>
    public FrozenDictionary<string, UkeItemColumns> Items { get; init; } = FrozenDictionary<string, UkeItemColumns>.Empty;

    /// <summary>Records the spec defines that carry nothing events-v1 needs; read past quietly.</summary>
    public FrozenSet<string> Ignored { get; init; } = FrozenSet<string>.Empty;

    /// <summary>True for a record the spec defines inside a receipt of this variant (read or read past).</summary>
    public bool IsReceiptRecord(string id) =>
        id is "HO" or "KO" or "SN" || id == DiagnosisRecord || Items.ContainsKey(id) || Ignored.Contains(id)
        || (Variant == UkeVariant.Pharmacy && id is "CZ" or "IY");

    public static UkeLayout Medical { get; } = new()
    {
        Variant = UkeVariant.Medical,
        FacilityRecord = "IR",
        ClaimMonth = C.Medical.IrClaimMonth,
        ReKanaName = C.Medical.ReKanaName,
        DiagnosisRecord = "SY",
        DiagnosisCode = C.Medical.SyDiseaseCode,
        DiagnosisModifiers = C.Medical.SyModifiers,
        DiagnosisMain = C.Medical.SyMain,
        Items = new Dictionary<string, UkeItemColumns>
        {
            ["SI"] = new(UkeItemRole.Procedure, "診療行為コード", C.Medical.SiCode, C.Medical.SiPoints, C.Medical.SiCount, C.Medical.SiFirstDay),
            ["IY"] = new(UkeItemRole.Drug, "医薬品コード", C.Medical.IyCode, C.Medical.IyPoints, C.Medical.IyCount, C.Medical.IyFirstDay),
            ["TO"] = new(UkeItemRole.Material, "特定器材コード", C.Medical.ToCode, C.Medical.ToPoints, C.Medical.ToCount, C.Medical.ToFirstDay),
        }.ToFrozenDictionary(),
        Ignored = CommonIgnored.Concat(["NI", "TI", "TR", "TS", "GR"]).ToFrozenSet(),
    };

    public static UkeLayout Dental { get; } = new()
    {
        Variant = UkeVariant.Dental,
        FacilityRecord = "IR",
        ClaimMonth = C.Dental.IrClaimMonth,
        ReKanaName = C.Dental.ReKanaName,
        DiagnosisRecord = "HS",
        DiagnosisCode = C.Dental.HsDiseaseCode,
        DiagnosisModifiers = C.Dental.HsModifiers,
        DiagnosisMain = C.Dental.HsMain,
        Items = new Dictionary<string, UkeItemColumns>
        {
            ["SS"] = new(UkeItemRole.Procedure, "診療行為コード", C.Dental.SsCode, C.Dental.SsPoints, C.Dental.SsCount, C.Dental.SsFirstDay),
            ["SI"] = new(UkeItemRole.Procedure, "診療行為コード", C.Dental.SiCode, C.Dental.SiPoints, C.Dental.SiCount, C.Dental.SiFirstDay),
            ["IY"] = new(UkeItemRole.Drug, "医薬品コード", C.Dental.IyCode, C.Dental.IyPoints, C.Dental.IyCount, C.Dental.IyFirstDay),
            ["TO"] = new(UkeItemRole.Material, "特定器材コード", C.Dental.ToCode, C.Dental.ToPoints, C.Dental.ToCount, C.Dental.ToFirstDay),
        }.ToFrozenDictionary(),
        Ignored = CommonIgnored.ToFrozenSet(),
    };

    public static UkeLayout Pharmacy { get; } = new()
    {
        Variant = UkeVariant.Pharmacy,
        FacilityRecord = "YK",
        ClaimMonth = C.Pharmacy.YkClaimMonth,
        Ignored = CommonIgnored.Concat(["SH", "TO", "TK", "KI", "ST"]).ToFrozenSet(),
    };

    /// <summary>The layout a facility record announces: IR with 点数表 1 or 3, or YK.</summary>
    public static UkeLayout? For(string facilityRecord, string scoreTable) => (facilityRecord, scoreTable) switch
    {
        ("IR", "1") => Medical,
        ("IR", "3") => Dental,
        ("YK", _) => Pharmacy,
        _ => null,
    };
}
