using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The events of one kind that has one code per event (every kind but receipts), sorted by (code, person slot, day):
/// a code prefix is one contiguous range of rows.
/// </summary>
internal sealed class EventColumns
{
    /// <summary>A row's flag when the record gives none.</summary>
    public const byte NoFlag = 0;

    /// <param name="values">Empty when no row has a value; else one per row, <see cref="double.NaN"/> where the record gives none.</param>
    /// <param name="flags">Empty when no row has a flag; else one per row: <see cref="NoFlag"/>, or <see cref="FlagOf"/>.</param>
    /// <param name="prefs">Empty when no row's record gives a prefecture; else each row's record's own prefecture (0: none).</param>
    public EventColumns(EventKind kind, CodeRuns codes, int[] slots, int[] days, double[] values, byte[] flags, byte[] prefs)
    {
        if (slots.Length != codes.Entries || days.Length != slots.Length || (values.Length != 0 && values.Length != slots.Length)
            || (flags.Length != 0 && flags.Length != slots.Length) || (prefs.Length != 0 && prefs.Length != slots.Length))
        {
            throw new ArgumentException($"the {kind} columns differ in length");
        }

        Kind = kind;
        Codes = codes;
        Slots = slots;
        Days = days;
        Values = values;
        Flags = flags;
        Prefs = prefs;
    }

    public EventKind Kind { get; }

    public CodeRuns Codes { get; }

    public int[] Slots { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of each row.</summary>
    public int[] Days { get; }

    public double[] Values { get; }

    public byte[] Flags { get; }

    /// <summary>Empty when no record gives a prefecture; else the prefecture of each row's own record (0: none).</summary>
    public byte[] Prefs { get; }

    public int Rows => Slots.Length;

    public long EstimatedBytes => 64 + Codes.EstimatedBytes + Slots.Length * 4L + Days.Length * 4L + Values.Length * 8L + Flags.Length + Prefs.Length;

    public static byte FlagOf(bool? flag) => flag switch { null => NoFlag, false => 1, true => 2 };

    public static EventColumns Empty(EventKind kind) => new(kind, CodeRuns.Empty, [], [], [], [], []);

    /// <summary>The prefecture of a row's own record, or <see cref="IndexSegment.NoPref"/>.</summary>
    public byte PrefOf(int row) => Prefs.Length == 0 ? IndexSegment.NoPref : Prefs[row];

    /// <summary>Visits every row for which every field the criterion gives holds.</summary>
    public void ForEachMatch<TVisitor>(CohortCriterion criterion, ref TVisitor visitor)
        where TVisitor : struct, IEventVisitor
    {
        if (CriterionTable.GivesForeignField(criterion)) return;
        var (from, to) = CriterionTable.CodeOf(criterion) switch
        {
            null => (0, Rows),
            var code when CriterionTable.Of(Kind).ByPrefix => Codes.WithPrefix(code),
            var code => Codes.Exactly(code),
        };

        var slots = Slots;
        var days = Days;
        if (criterion.Min is null && criterion.Max is null && criterion.Complication is null)
        {
            for (var row = from; row < to; row++) visitor.Visit(slots[row], days[row], row);
            return;
        }

        // A bound or a flag on a column where no row has one: nothing holds.
        if ((criterion.Min is not null || criterion.Max is not null) && Values.Length == 0) return;
        if (criterion.Complication is not null && Flags.Length == 0) return;

        var min = criterion.Min ?? double.NegativeInfinity;
        var max = criterion.Max ?? double.PositiveInfinity;
        var checkValue = criterion.Min is not null || criterion.Max is not null;
        var flag = FlagOf(criterion.Complication);
        for (var row = from; row < to; row++)
        {
            // NaN (no value) fails both comparisons, as a field the event lacks must.
            if (checkValue && !(Values[row] >= min && Values[row] <= max)) continue;
            if (flag != NoFlag && Flags[row] != flag) continue;
            visitor.Visit(slots[row], days[row], row);
        }
    }
}
