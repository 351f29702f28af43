namespace Linkage.Client.Import.Uke;

/// <summary>The UKE file variants, told apart by the facility record (IR 点数表 1 or 3, or a YK pharmacy record).</summary>
public enum UkeVariant
{
    /// <summary>医科 (medical): RECEIPTC.UKE, 記録条件仕様（医科用）.</summary>
    Medical,

    /// <summary>歯科 (dental): 記録条件仕様（歯科用）; diagnoses in HS, dental procedures in SS.</summary>
    Dental,

    /// <summary>調剤 (pharmacy): 記録条件仕様（調剤用）; a YK record instead of IR, dispensing in CZ + IY.</summary>
    Pharmacy,
}
