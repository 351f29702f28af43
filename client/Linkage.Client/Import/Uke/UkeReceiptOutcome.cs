namespace Linkage.Client.Import.Uke;

/// <summary>What one RE group became (its receipt event or the rejection saying why not), and the points it claims (for the GO check).</summary>
internal sealed record UkeReceiptOutcome(ImportedLine Line, int? ClaimedPoints);
