using System.Globalization;
using System.Text.RegularExpressions;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Client.Import;

/// <summary>The events-v1 rules an importer checks on every event it produced, so that nothing it hands over is rejected later.</summary>
internal static partial class EventContract
{
    private static readonly string[] Settings = ["inpatient", "outpatient", "dpc", "pharmacy", "dental"];
    private static readonly string[] VitalTypes = ["sbp", "dbp", "hr", "weight", "steps", "spo2", "glucose"];
    private static readonly string[] Entries = ["checkup", "delivery", "infant", "vaccine"];
    private static readonly string[] Places = ["hospital", "home", "facility", "other"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SourcePattern();

    [GeneratedRegex("^[0-9]{10}$")]
    private static partial Regex FacilityPattern();

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex BirthPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex DateTimeWithOffset();

    /// <summary>True when <paramref name="source"/> is a valid feed id.</summary>
    public static bool IsSource(string source) => SourcePattern().IsMatch(source);

    /// <summary>The first rule <paramref name="e"/> breaks, naming the field, or null when it keeps them all.</summary>
    public static string? Violation(FeedEvent e)
    {
        if (!SourcePattern().IsMatch(e.Source)) return $"source '{e.Source}' is not [a-z0-9][a-z0-9-]{{0,63}}";
        if (e.RecordId.Length is < 1 or > 128 || e.RecordId.Any(c => c < 0x20 || c == 0x7F)) return $"recordId '{e.RecordId}' must be 1..128 printable characters";
        if (e.Version < 1) return "version must be >= 1";
        if (e.Date.Year < 1800) return $"date {e.Date:yyyy-MM-dd} is not a clinical date";
        var subject = SubjectViolation(e.Subject, "subject");
        if (subject is not null) return subject;
        if (e.Data is null) return e.Retracted ? null : "data is missing";
        if (e.Data.Kind != e.Kind) return $"data is {e.Data.Kind} but kind is {e.Kind}";
        return e.Data switch
        {
            ReceiptData r => Receipt(r),
            LabData l => l.Code.Length != 17 ? $"data.code '{l.Code}' is not a 17-character JLAC10 code" : !double.IsFinite(l.Value) ? "data.value is not a number" : null,
            MedicationData m => string.IsNullOrWhiteSpace(m.Code) ? "data.code is empty" : m.Days is < 0 ? "data.days is negative" : null,
            SurgeryData s => string.IsNullOrWhiteSpace(s.Code) ? "data.code is empty" : s.Los is < 0 ? "data.los is negative" : null,
            VitalData v => !VitalTypes.Contains(v.Type) ? $"data.type '{v.Type}' is not a vital type"
                : !double.IsFinite(v.Value) ? "data.value is not a number"
                : !DateTimeWithOffset().IsMatch(v.At) || !DateTimeOffset.TryParse(v.At, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? $"data.at '{v.At}' is not an ISO-8601 date-time with offset"
                : null,
            MaternalData m => Maternal(m),
            DeathData d => !Icd10Code.IsIcd10(d.Underlying) ? $"data.underlying '{d.Underlying}' is not ICD-10"
                : d.Causes.FirstOrDefault(c => !Icd10Code.IsIcd10(c)) is { } cause ? $"data.causes '{cause}' is not ICD-10"
                : d.Place is not null && !Places.Contains(d.Place) ? $"data.place '{d.Place}' is not hospital, home, facility or other"
                : null,
            _ => $"data of kind {e.Kind} is unknown",
        };
    }

    private static string? Receipt(ReceiptData r)
    {
        if (!Settings.Contains(r.Setting)) return $"data.setting '{r.Setting}' is not a receipt setting";
        if (r.Facility is not null && !FacilityPattern().IsMatch(r.Facility)) return $"data.facility '{r.Facility}' is not a 10-digit medical institution code";
        if (r.Diagnoses.FirstOrDefault(d => !Icd10Code.IsEventCode(d.Code)) is { } diagnosis) return $"data.diagnoses code '{diagnosis.Code}' is neither ICD-10 nor JP: + 7 digits";
        if (r.Procedures.Any(string.IsNullOrWhiteSpace)) return "data.procedures holds an empty code";
        if (r.Drugs.Any(d => string.IsNullOrWhiteSpace(d.Code) || d.Days is < 0)) return "data.drugs holds an empty code or negative days";
        return null;
    }

    private static string? Maternal(MaternalData m)
    {
        if (!Entries.Contains(m.Entry)) return $"data.entry '{m.Entry}' is not checkup, delivery, infant or vaccine";
        if (m.GestWeeks is < 0 or > 45) return $"data.gestWeeks {m.GestWeeks} is out of range";
        if (m.BirthWeight is < 1 or > 9999) return $"data.birthWeight {m.BirthWeight} is out of range";
        return m.Child is null ? null : SubjectViolation(m.Child, "data.child");
    }

    private static string? SubjectViolation(Subject s, string field)
    {
        if (s.Mid is null && s.Id1 is null && s.Id2 is null) return $"{field} has no token";
        if (s.Mid is not null && !LinkageToken.IsWellFormed(s.Mid, TokenKind.Mid)) return $"{field}.mid is not a well-formed mid token";
        if (s.Id1 is not null && !LinkageToken.IsWellFormed(s.Id1, TokenKind.Id1)) return $"{field}.id1 is not a well-formed id1 token";
        if (s.Id2 is not null && !LinkageToken.IsWellFormed(s.Id2, TokenKind.Id2)) return $"{field}.id2 is not a well-formed id2 token";
        if (!BirthPattern().IsMatch(s.Birth)) return $"{field}.birth '{s.Birth}' is not YYYY-MM";
        if (s.Pref is not null && !(s.Pref.Length == 2 && int.TryParse(s.Pref, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 47)) return $"{field}.pref '{s.Pref}' is not 01..47";
        return null;
    }
}
