namespace Linkage.Cohorts.Index;

/// <summary>For one code field of receipts, the receipts holding each code: runs by code, receipts ascending within a run.</summary>
internal sealed class ReceiptPostings
{
    public ReceiptPostings(CodeRuns codes, int[] receipts)
    {
        if (receipts.Length != codes.Entries) throw new ArgumentException("one receipt per posting");
        Codes = codes;
        Receipts = receipts;
    }

    public static ReceiptPostings Empty { get; } = new(CodeRuns.Empty, []);

    public CodeRuns Codes { get; }

    /// <summary>Indexes into <see cref="ReceiptColumns"/>.</summary>
    public int[] Receipts { get; }

    public long EstimatedBytes => 32 + Codes.EstimatedBytes + Receipts.Length * 4L;
}
