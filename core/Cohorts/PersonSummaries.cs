using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>Builds the <see cref="PersonSummary"/> of a linked person from their current records.</summary>
public static class PersonSummaries
{
    /// <summary>The summary of the person <paramref name="personId"/>, whose current records are <paramref name="records"/> (at least one).</summary>
    public static PersonSummary Of(string personId, IReadOnlyCollection<FeedEvent> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return OfSorting(personId, records.ToArray());
    }

    /// <inheritdoc cref="Of(string, IReadOnlyCollection{FeedEvent})"/>
    /// <remarks>Sorts <paramref name="records"/> in place: for a caller whose buffer is its own (a component, per publish), so no copy is made.</remarks>
    public static PersonSummary OfSorting(string personId, Span<FeedEvent> records)
    {
        if (records.Length == 0) throw new ArgumentException("a person has at least one current record", nameof(records));

        // Sorted as cohort-v1 orders records of one day (by source, then recordId): the index keeps this order, and
        // the facility key takes the earliest matching receipt of the entry day by it.
        var sorted = records;
        sorted.Sort(CompareRecords);
        var events = new SummaryEvent[sorted.Length];
        for (var i = 0; i < sorted.Length; i++) events[i] = EventOf(sorted[i]);
        return OfOrdered(personId, sorted[^1], events);
    }

    /// <summary>The summary of a person whose records' summary events are <paramref name="events"/>, in cohort-v1's order, the last of them <paramref name="latest"/>.</summary>
    /// <remarks>Takes <paramref name="events"/> over: the caller lets go of the array.</remarks>
    internal static PersonSummary OfOrdered(string personId, FeedEvent latest, SummaryEvent[] events) => new()
    {
        Person = personId,
        Sex = latest.Subject.Sex,
        Birth = latest.Subject.Birth,
        Pref = latest.Subject.Pref,
        LastDate = latest.Date,
        Events = ImmutableCollectionsMarshal.AsImmutableArray(events),
    };

    /// <summary>cohort-v1's "latest record": latest by date, then by source, then by recordId (ordinal).</summary>
    public static bool IsLater(FeedEvent a, FeedEvent b) => CompareRecords(a, b) > 0;

    /// <summary>Orders records by date, then source, then recordId (ordinal): cohort-v1's order of records.</summary>
    public static int CompareRecords(FeedEvent a, FeedEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0) return byDate;
        var bySource = string.CompareOrdinal(a.Source, b.Source);
        return bySource != 0 ? bySource : string.CompareOrdinal(a.RecordId, b.RecordId);
    }

    /// <summary>What criteria can see of one record.</summary>
    internal static SummaryEvent EventOf(FeedEvent record) => record.Data switch
    {
        ReceiptData r => new SummaryEvent
        {
            Kind = EventKind.Receipt,
            Date = record.Date,
            Pref = record.Subject.Pref,
            Diagnoses = [.. r.Diagnoses.Where(d => !d.Suspected).Select(d => d.Code)],
            Procedures = r.Procedures,
            Drugs = [.. r.Drugs.Select(d => d.Code)],
            Facility = r.Facility,
        },
        LabData l => new SummaryEvent { Kind = EventKind.Lab, Date = record.Date, Pref = record.Subject.Pref, Code = l.Code, Value = l.Value },
        MedicationData m => new SummaryEvent { Kind = EventKind.Medication, Date = record.Date, Pref = record.Subject.Pref, Code = m.Code },
        SurgeryData s => new SummaryEvent { Kind = EventKind.Surgery, Date = record.Date, Pref = record.Subject.Pref, Code = s.Code, Flag = s.Complication },
        VitalData v => new SummaryEvent { Kind = EventKind.Vital, Date = record.Date, Pref = record.Subject.Pref, Code = v.Type, Value = v.Value },
        MaternalData m => new SummaryEvent { Kind = EventKind.Maternal, Date = record.Date, Pref = record.Subject.Pref, Code = m.Entry, Value = m.BirthWeight },
        DeathData d => new SummaryEvent { Kind = EventKind.Death, Date = record.Date, Pref = record.Subject.Pref, Code = d.Underlying },
        _ => new SummaryEvent { Kind = record.Kind, Date = record.Date, Pref = record.Subject.Pref },
    };
}
