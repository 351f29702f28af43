using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>Builds the <see cref="PersonSummary"/> of a linked person from their current records.</summary>
public static class PersonSummaries
{
    /// <summary>The summary of the person <paramref name="personId"/>, whose current records are <paramref name="records"/> (at least one).</summary>
    public static PersonSummary Of(string personId, IReadOnlyCollection<FeedEvent> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) throw new ArgumentException("a person has at least one current record", nameof(records));

        FeedEvent? latest = null;
        var events = new SummaryEvent[records.Count];
        var i = 0;
        foreach (var record in records)
        {
            if (latest is null || IsLater(record, latest)) latest = record;
            events[i++] = EventOf(record);
        }

        Array.Sort(events, static (a, b) => a.Date.CompareTo(b.Date));
        return new PersonSummary
        {
            Person = personId,
            Sex = latest!.Subject.Sex,
            Birth = latest.Subject.Birth,
            Pref = latest.Subject.Pref,
            LastDate = latest.Date,
            Events = [.. events],
        };
    }

    /// <summary>cohort-v1's "latest record": latest by date, then by source, then by recordId (ordinal).</summary>
    public static bool IsLater(FeedEvent a, FeedEvent b)
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0) return byDate > 0;
        var bySource = string.CompareOrdinal(a.Source, b.Source);
        if (bySource != 0) return bySource > 0;
        return string.CompareOrdinal(a.RecordId, b.RecordId) > 0;
    }

    private static SummaryEvent EventOf(FeedEvent record) => record.Data switch
    {
        ReceiptData r => new SummaryEvent
        {
            Kind = EventKind.Receipt,
            Date = record.Date,
            Diagnoses = [.. r.Diagnoses.Where(d => !d.Suspected).Select(d => d.Code)],
            Procedures = r.Procedures,
            Drugs = [.. r.Drugs.Select(d => d.Code)],
        },
        LabData l => new SummaryEvent { Kind = EventKind.Lab, Date = record.Date, Code = l.Code, Value = l.Value },
        MedicationData m => new SummaryEvent { Kind = EventKind.Medication, Date = record.Date, Code = m.Code },
        SurgeryData s => new SummaryEvent { Kind = EventKind.Surgery, Date = record.Date, Code = s.Code, Flag = s.Complication },
        VitalData v => new SummaryEvent { Kind = EventKind.Vital, Date = record.Date, Code = v.Type, Value = v.Value },
        MaternalData m => new SummaryEvent { Kind = EventKind.Maternal, Date = record.Date, Code = m.Entry, Value = m.BirthWeight },
        DeathData d => new SummaryEvent { Kind = EventKind.Death, Date = record.Date, Code = d.Underlying },
        _ => new SummaryEvent { Kind = record.Kind, Date = record.Date },
    };
}
