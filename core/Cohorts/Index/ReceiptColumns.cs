using System.Buffers;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The receipts of a segment, sorted by (person slot, day), and for each of their code fields (diagnoses,
/// procedures, drugs) the receipts holding each code, sorted by (code, receipt).
/// </summary>
internal sealed class ReceiptColumns
{
    /// <param name="prefs">Empty when no receipt gives a prefecture; else each receipt's own prefecture (0: none).</param>
    /// <param name="facilityCodes">The distinct facilities, in ordinal order.</param>
    /// <param name="facilities">Empty when no receipt gives a facility; else each receipt's index in <paramref name="facilityCodes"/>, or -1.</param>
    public ReceiptColumns(
        int[] slots, int[] days, ReceiptPostings diagnoses, ReceiptPostings procedures, ReceiptPostings drugs,
        byte[] prefs, string[] facilityCodes, int[] facilities)
    {
        if (days.Length != slots.Length || (prefs.Length != 0 && prefs.Length != slots.Length)
            || (facilities.Length != 0 && facilities.Length != slots.Length))
        {
            throw new ArgumentException("the receipt columns differ in length");
        }

        Slots = slots;
        Days = days;
        Diagnoses = diagnoses;
        Procedures = procedures;
        Drugs = drugs;
        Prefs = prefs;
        FacilityCodes = facilityCodes;
        Facilities = facilities;
    }

    public static ReceiptColumns Empty { get; } = new([], [], ReceiptPostings.Empty, ReceiptPostings.Empty, ReceiptPostings.Empty, [], [], []);

    /// <summary>Empty when no receipt gives a prefecture; else each receipt's own prefecture (0: none).</summary>
    public byte[] Prefs { get; }

    /// <summary>The distinct facilities of the receipts, in ordinal order.</summary>
    public string[] FacilityCodes { get; }

    /// <summary>Empty when no receipt gives a facility; else each receipt's index in <see cref="FacilityCodes"/>, or -1.</summary>
    public int[] Facilities { get; }

    /// <summary>The prefecture of a receipt's own record, or <see cref="IndexSegment.NoPref"/>.</summary>
    public byte PrefOf(int receipt) => Prefs.Length == 0 ? IndexSegment.NoPref : Prefs[receipt];

    /// <summary>The facility a receipt gives, or null.</summary>
    public string? FacilityOf(int receipt) => Facilities.Length == 0 || Facilities[receipt] < 0 ? null : FacilityCodes[Facilities[receipt]];

    public int[] Slots { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of each receipt.</summary>
    public int[] Days { get; }

    /// <summary>The diagnoses that are not suspected.</summary>
    public ReceiptPostings Diagnoses { get; }

    public ReceiptPostings Procedures { get; }

    public ReceiptPostings Drugs { get; }

    public int Rows => Slots.Length;

    public long EstimatedBytes =>
        64 + Slots.Length * 8L + Prefs.Length + Facilities.Length * 4L + FacilityCodes.Sum(c => 24L + 2 * c.Length) + Diagnoses.EstimatedBytes + Procedures.EstimatedBytes + Drugs.EstimatedBytes;

    /// <summary>Visits every receipt that has, for each code field the criterion gives, a code with that prefix.</summary>
    public void ForEachMatch<TVisitor>(CohortCriterion criterion, ref TVisitor visitor)
        where TVisitor : struct, IEventVisitor
    {
        if (CriterionTable.GivesForeignField(criterion)) return;
        Span<(int From, int To, ReceiptPostings Postings)> fields = new (int, int, ReceiptPostings)[3];
        var given = 0;
        foreach (var (prefix, postings) in new[] { (criterion.Code, Diagnoses), (criterion.Procedure, Procedures), (criterion.Drug, Drugs) })
        {
            if (prefix is null) continue;
            var (from, to) = postings.Codes.WithPrefix(prefix);
            if (from == to) return;
            fields[given++] = (from, to, postings);
        }

        if (given == 0)
        {
            for (var receipt = 0; receipt < Rows; receipt++) visitor.Visit(Slots[receipt], Days[receipt], receipt);
            return;
        }

        if (given == 1)
        {
            // A receipt with two matching codes is visited twice; every visitor only asks whether, or how early.
            var (from, to, postings) = fields[0];
            for (var i = from; i < to; i++)
            {
                var receipt = postings.Receipts[i];
                visitor.Visit(Slots[receipt], Days[receipt], receipt);
            }

            return;
        }

        // The receipts in every field's range: field k promotes the receipts that all fields before it had.
        fields[..given].Sort(static (a, b) => (a.To - a.From).CompareTo(b.To - b.From));
        var stage = ArrayPool<byte>.Shared.Rent(Rows);
        try
        {
            Array.Clear(stage, 0, Rows);
            for (var k = 0; k < given; k++)
            {
                var (from, to, postings) = fields[k];
                for (var i = from; i < to; i++)
                {
                    var receipt = postings.Receipts[i];
                    if (stage[receipt] == k) stage[receipt] = (byte)(k + 1);
                }
            }

            var (lastFrom, lastTo, last) = fields[given - 1];
            for (var i = lastFrom; i < lastTo; i++)
            {
                var receipt = last.Receipts[i];
                if (stage[receipt] != given) continue;
                stage[receipt] = (byte)(given + 1);
                visitor.Visit(Slots[receipt], Days[receipt], receipt);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(stage);
        }
    }
}
