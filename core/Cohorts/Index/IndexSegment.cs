using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// An immutable columnar set of people: dense per-person columns by slot, the components they belong to, and the
/// events of each kind in code order. A <see cref="CohortIndex"/> holds a large main segment and a small delta one.
/// </summary>
internal sealed class IndexSegment
{
    /// <summary>A person's pref column when their latest record gives no prefecture.</summary>
    public const byte NoPref = 0;

    private readonly EventColumns[] _byKind;

    /// <param name="components">Distinct, ascending.</param>
    /// <param name="componentStarts">Component i's people are the slots <c>[componentStarts[i], componentStarts[i + 1])</c>.</param>
    /// <param name="byKind">The columns of each kind but receipts, indexed by <see cref="EventKind"/>.</param>
    public IndexSegment(
        long[] components, int[] componentStarts, byte[] sexes, int[] birthMonths, byte[] prefs, int[] lastDays,
        ulong[] fingerprints, EventColumns[] byKind, ReceiptColumns receipts)
    {
        var people = sexes.Length;
        if (componentStarts.Length != components.Length + 1 || componentStarts[^1] != people || birthMonths.Length != people
            || prefs.Length != people || lastDays.Length != people || fingerprints.Length != people || byKind.Length != KindCount)
        {
            throw new ArgumentException("the person columns differ in length");
        }

        Components = components;
        ComponentStarts = componentStarts;
        Sexes = sexes;
        BirthMonths = birthMonths;
        Prefs = prefs;
        LastDays = lastDays;
        Fingerprints = fingerprints;
        _byKind = byKind;
        Receipts = receipts;
    }

    public static int KindCount { get; } = Enum.GetValues<EventKind>().Length;

    public static IndexSegment Empty { get; } = new(
        [], [0], [], [], [], [], [], [.. Enum.GetValues<EventKind>().Select(EventColumns.Empty)], ReceiptColumns.Empty);

    public long[] Components { get; }

    public int[] ComponentStarts { get; }

    /// <summary>The <see cref="Sex"/> of each slot.</summary>
    public byte[] Sexes { get; }

    /// <summary>The birth month of each slot (<see cref="CohortAge.MonthNumberOf"/>).</summary>
    public int[] BirthMonths { get; }

    /// <summary>The prefecture of each slot, 1..47, or <see cref="NoPref"/>.</summary>
    public byte[] Prefs { get; }

    /// <summary>The <see cref="DateOnly.DayNumber"/> of each slot's latest record.</summary>
    public int[] LastDays { get; }

    /// <summary>
    /// A fixed fingerprint of each slot's person (a hash of the person id), from which a perturbed query derives the
    /// person's cell key (<c>CellPerturbation.PersonKey</c>).
    /// </summary>
    public ulong[] Fingerprints { get; }

    public ReceiptColumns Receipts { get; }

    public int People => Sexes.Length;

    public long EstimatedBytes =>
        200 + Components.Length * 12L + People * 18L + _byKind.Sum(c => c.EstimatedBytes) + Receipts.EstimatedBytes;

    /// <summary>The columns of a kind other than receipts.</summary>
    public EventColumns Events(EventKind kind) => _byKind[(int)kind];

    /// <summary>The index of <paramref name="component"/> in <see cref="Components"/>, or -1.</summary>
    public int IndexOfComponent(long component)
    {
        var index = Array.BinarySearch(Components, component);
        return index < 0 ? -1 : index;
    }

    /// <summary>Visits every event that matches <paramref name="criterion"/>.</summary>
    public void ForEachMatch<TVisitor>(CohortCriterion criterion, ref TVisitor visitor)
        where TVisitor : struct, IEventVisitor
    {
        if (criterion.Kind == EventKind.Receipt) Receipts.ForEachMatch(criterion, ref visitor);
        else if ((uint)criterion.Kind < (uint)KindCount) Events(criterion.Kind).ForEachMatch(criterion, ref visitor);
    }
}
