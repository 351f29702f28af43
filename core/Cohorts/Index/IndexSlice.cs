using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// One segment of a <see cref="CohortIndex"/> as the analytics read it (safety, surveillance, benchmarking): its live
/// people by slot, their person columns, and the one matcher of cohort-v1 criteria over their events. A person, and
/// the whole component they belong to, lives in exactly one slice, so per-person work is done per slice by slot.
/// </summary>
/// <remarks>Valid until the index next changes; read it within the call that obtained it.</remarks>
public sealed class IndexSlice
{
    private readonly IndexSegment _segment;
    private readonly ulong[]? _deadSlots;

    internal IndexSlice(IndexSegment segment, ulong[]? deadSlots)
    {
        _segment = segment;
        _deadSlots = deadSlots;
    }

    /// <summary>The slots of the slice, live or not: arrays indexed by slot have this length.</summary>
    public int Slots => _segment.People;

    /// <summary>False for the slot of a person that a later update replaced; such a slot is never visited.</summary>
    public bool IsLive(int slot) => _deadSlots is null || !Bits.Has(_deadSlots, slot);

    /// <summary>The sex of the person's latest record.</summary>
    public Sex SexOf(int slot) => (Sex)_segment.Sexes[slot];

    /// <summary>The birth month of the person's latest record (<see cref="CohortAge.MonthNumberOf"/>).</summary>
    public int BirthMonthOf(int slot) => _segment.BirthMonths[slot];

    /// <summary>The prefecture (1..47) of the person's latest record, or 0 when it gives none.</summary>
    public int PrefOf(int slot) => _segment.Prefs[slot];

    /// <summary>The day (<see cref="DateOnly.DayNumber"/>) of the person's latest record: where follow-up ends.</summary>
    public int LastDayOf(int slot) => _segment.LastDays[slot];

    /// <summary>The person's fixed fingerprint, from which perturbed counts derive a cell key.</summary>
    public ulong FingerprintOf(int slot) => _segment.Fingerprints[slot];

    /// <summary>
    /// Visits each event of a live person that matches <paramref name="criterion"/>, as cohort-v1 matches it. A receipt
    /// may be visited once per matching code: a visitor asks whether, or how early, not how often.
    /// </summary>
    public void ForEachMatch<TVisitor>(CohortCriterion criterion, ref TVisitor visitor)
        where TVisitor : struct, IEventVisitor
    {
        ArgumentNullException.ThrowIfNull(criterion);
        if (_deadSlots is null)
        {
            _segment.ForEachMatch(criterion, ref visitor);
            return;
        }

        var live = new LiveVisitor<TVisitor>(_deadSlots, visitor);
        _segment.ForEachMatch(criterion, ref live);
        visitor = live.Inner;
    }

    /// <summary>The prefecture (1..47) of the record behind a visited row of <paramref name="kind"/>, or 0 when that record gives none.</summary>
    public int EventPrefOf(EventKind kind, int row) =>
        kind == EventKind.Receipt ? _segment.Receipts.PrefOf(row) : _segment.Events(kind).PrefOf(row);

    /// <summary>The facility of a visited receipt row, or null when the receipt gives none.</summary>
    public string? ReceiptFacilityOf(int row) => _segment.Receipts.FacilityOf(row);

    /// <summary>Passes on the visits of live slots only.</summary>
    private struct LiveVisitor<TVisitor>(ulong[] deadSlots, TVisitor inner) : IEventVisitor
        where TVisitor : struct, IEventVisitor
    {
        public TVisitor Inner = inner;

        public void Visit(int slot, int day, int row)
        {
            if (!Bits.Has(deadSlots, slot)) Inner.Visit(slot, day, row);
        }
    }
}
