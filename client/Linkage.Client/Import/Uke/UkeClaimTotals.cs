namespace Linkage.Client.Import.Uke;

/// <summary>What the receipts of a UKE file add up to, for comparison with its GO trailer.</summary>
internal sealed class UkeClaimTotals
{
    /// <summary>RE records seen, whether or not their receipt could be taken.</summary>
    public int Receipts { get; set; }

    /// <summary>Sum of the receipts' HO total points (KO for public-expense-only receipts).</summary>
    public long Points { get; set; }

    /// <summary>Receipts whose total points could not be read.</summary>
    public int UnreadablePoints { get; set; }
}
