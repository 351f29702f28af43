using System.Globalization;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Tests.Import;

/// <summary>The events-v1 contract rules, checked independently of the importers' own check.</summary>
internal static class EventsV1Assert
{
    private const string Icd10 = "^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$";
    private const string DiagnosisCode = "^([A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?|JP:[0-9]{7})$";

    public static void Valid(FeedEvent e)
    {
        Assert.Matches("^[a-z0-9][a-z0-9-]{0,63}$", e.Source);
        Assert.InRange(e.RecordId.Length, 1, 128);
        Assert.DoesNotContain(e.RecordId, c => char.IsControl(c));
        Assert.True(e.Version >= 1, "version >= 1");
        Assert.InRange(e.Date, new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31));
        ValidSubject(e.Subject);
        Assert.NotNull(e.Data);
        Assert.Equal(e.Kind, e.Data!.Kind);
        switch (e.Data)
        {
            case ReceiptData r:
                Assert.Contains(r.Setting, new[] { "inpatient", "outpatient", "dpc", "pharmacy", "dental" });
                if (r.Facility is not null) Assert.Matches("^[0-9]{10}$", r.Facility);
                Assert.All(r.Diagnoses, d => Assert.Matches(DiagnosisCode, d.Code));
                Assert.All(r.Procedures, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                Assert.All(r.Drugs, d => Assert.True(d.Days is null or >= 0));
                break;
            case LabData l:
                Assert.Equal(17, l.Code.Length);
                break;
            case VitalData v:
                Assert.Contains(v.Type, new[] { "sbp", "dbp", "hr", "weight", "steps", "spo2", "glucose" });
                Assert.Matches("[T ][0-9]{2}:[0-9]{2}.*(Z|[+-][0-9]{2}:[0-9]{2})$", v.At);
                Assert.True(DateTimeOffset.TryParse(v.At, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
                break;
            case MedicationData m:
                Assert.False(string.IsNullOrWhiteSpace(m.Code));
                break;
            case SurgeryData s:
                Assert.Matches("^K[0-9]", s.Code);
                break;
            case MaternalData m:
                Assert.Contains(m.Entry, new[] { "checkup", "delivery", "infant", "vaccine" });
                if (m.Child is not null) ValidSubject(m.Child);
                break;
            case DeathData d:
                Assert.Matches(Icd10, d.Underlying);
                Assert.All(d.Causes, c => Assert.Matches(Icd10, c));
                if (d.Place is not null) Assert.Contains(d.Place, new[] { "hospital", "home", "facility", "other" });
                break;
            default:
                Assert.Fail($"unexpected data {e.Data.GetType().Name}");
                break;
        }
    }

    public static void AllValid(IEnumerable<Linkage.Client.Import.ImportedLine> lines)
    {
        foreach (var line in lines.Where(l => l.Event is not null)) Valid(line.Event!);
    }

    private static void ValidSubject(Subject s)
    {
        Assert.True(s.Mid is not null || s.Id1 is not null || s.Id2 is not null, "at least one token");
        if (s.Mid is not null) Assert.True(LinkageToken.IsWellFormed(s.Mid, TokenKind.Mid), s.Mid);
        if (s.Id1 is not null) Assert.True(LinkageToken.IsWellFormed(s.Id1, TokenKind.Id1), s.Id1);
        if (s.Id2 is not null) Assert.True(LinkageToken.IsWellFormed(s.Id2, TokenKind.Id2), s.Id2);
        Assert.Matches("^[0-9]{4}-(0[1-9]|1[0-2])$", s.Birth);
        if (s.Pref is not null) Assert.Matches("^(0[1-9]|[1-3][0-9]|4[0-7])$", s.Pref);
    }
}
