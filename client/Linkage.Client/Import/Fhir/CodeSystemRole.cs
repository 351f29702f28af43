namespace Linkage.Client.Import.Fhir;

/// <summary>What the codes of a FHIR code system are, for the mapping onto events-v1 (see <see cref="JpCodeSystems"/>).</summary>
public enum CodeSystemRole
{
    /// <summary>ICD-10 (the MHLW 2013 edition, or WHO's): diagnoses as they are.</summary>
    Icd10,

    /// <summary>7-digit receipt disease codes (傷病名コード, the レセプト電算 傷病名マスター): ICD-10 through the disease master.</summary>
    ReceiptDisease,

    /// <summary>MEDIS 標準病名マスター 病名管理番号 (8 digits): ICD-10 through the disease master's 病名管理番号 column.</summary>
    DiseaseKeyNumber,

    /// <summary>MEDIS 標準病名マスター 病名交換用コード (4 letters or digits): ICD-10 through the disease master's 病名交換用コード column.</summary>
    DiseaseExchangeCode,

    /// <summary>JLAC10 17-character laboratory codes: lab events as they are.</summary>
    Jlac10,

    /// <summary>YJ codes (個別医薬品コード, 12 characters): medication events as they are.</summary>
    Yj,

    /// <summary>MEDIS HOT13 (医薬品基準番号): YJ through the HOT code master.</summary>
    Hot13,

    /// <summary>MEDIS HOT9: YJ through the HOT code master (its first 9 digits).</summary>
    Hot9,

    /// <summary>MEDIS HOT7 (処方用番号): YJ through the HOT code master (its first 7 digits), when they name one YJ code.</summary>
    Hot7,

    /// <summary>一般名処方マスタ codes (generic-name prescriptions): YJ only through an operator's generic-name map.</summary>
    GenericName,

    /// <summary>9-digit medical procedure codes (診療行為コード) of claim items.</summary>
    Procedure,

    /// <summary>Surgical K-codes of Procedure.code.</summary>
    Surgery,
}
