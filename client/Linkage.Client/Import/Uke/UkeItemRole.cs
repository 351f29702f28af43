namespace Linkage.Client.Import.Uke;

/// <summary>What an item record of a receipt (摘要) contributes to the receipt event.</summary>
internal enum UkeItemRole
{
    /// <summary>A procedure (SI, SS): its code goes to <c>procedures</c>.</summary>
    Procedure,

    /// <summary>A drug (IY): its code and days go to <c>drugs</c>.</summary>
    Drug,

    /// <summary>A material (TO): only its points and days count; events-v1 has no field for it.</summary>
    Material,
}
