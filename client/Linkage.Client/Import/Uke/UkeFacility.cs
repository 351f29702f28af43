namespace Linkage.Client.Import.Uke;

/// <summary>The facility record (IR/YK) that heads the receipts after it: who claims, for which month, in which layout.</summary>
/// <param name="Code">10-digit medical institution code: prefecture (2) + score table (1) + facility code (7).</param>
/// <param name="Payer">審査支払機関: 1 社会保険診療報酬支払基金, 2 国民健康保険団体連合会.</param>
internal sealed record UkeFacility(string Code, DateOnly ClaimMonth, string Payer, UkeLayout Layout);
