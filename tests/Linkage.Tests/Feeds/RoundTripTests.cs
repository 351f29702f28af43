using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>What <see cref="FeedEventJson"/> writes, <see cref="FeedLineParser"/> reads back as the same event.</summary>
public sealed class RoundTripTests
{
    private static readonly Subject Someone = new() { Mid = Mid, Id1 = Id1, Id2 = Id2, Birth = "1950-03", Sex = Sex.F, Pref = "26" };

    [Fact]
    public void A_receipt_round_trips()
    {
        RoundTrips(Event(EventKind.Receipt, new ReceiptData
        {
            Setting = "dpc",
            Facility = "2610012345",
            Diagnoses = [new Diagnosis { Code = "E11.9", Main = true }, new Diagnosis { Code = "JP:8830052", Suspected = true }],
            Procedures = ["A000", "K5493"],
            Drugs = [new DrugUse { Code = "620004001", Days = 28 }, new DrugUse { Code = "620004002" }],
            Points = 1250,
        }));
        RoundTrips(Event(EventKind.Receipt, new ReceiptData { Setting = "pharmacy" }));
    }

    [Fact]
    public void A_lab_result_round_trips()
    {
        RoundTrips(Event(EventKind.Lab, new LabData { Code = "3D046000001920402", Value = 8.1, Unit = "%" }));
        RoundTrips(Event(EventKind.Lab, new LabData { Code = "3D046000001920402", Value = 0.1 + 0.2 }));
        RoundTrips(Event(EventKind.Lab, new LabData { Code = "3D046000001920402", Value = -1.7976931348623157E+308, Unit = "μg/ｄL" }));
    }

    [Fact]
    public void A_medication_round_trips()
    {
        RoundTrips(Event(EventKind.Medication, new MedicationData { Code = "3969007F1020", Days = 14 }));
        RoundTrips(Event(EventKind.Medication, new MedicationData { Code = "3969007F1020" }));
    }

    [Fact]
    public void A_surgery_round_trips()
    {
        RoundTrips(Event(EventKind.Surgery, new SurgeryData { Code = "K5493", Complication = true, Los = 12 }));
        RoundTrips(Event(EventKind.Surgery, new SurgeryData { Code = "K5493" }));
    }

    [Fact]
    public void A_vital_sign_round_trips()
    {
        RoundTrips(Event(EventKind.Vital, new VitalData { Type = "glucose", Value = 104.5, At = "2024-04-15T08:30:00.250+09:00" }));
    }

    [Fact]
    public void A_maternal_record_round_trips()
    {
        RoundTrips(Event(EventKind.Maternal, new MaternalData
        {
            Entry = "delivery",
            GestWeeks = 39,
            BirthWeight = 3120,
            Vaccine = "BCG",
            Child = new Subject { Id2 = Id2, Birth = "2024-04", Sex = Sex.U },
        }));
        RoundTrips(Event(EventKind.Maternal, new MaternalData { Entry = "checkup" }));
    }

    [Fact]
    public void A_death_round_trips()
    {
        RoundTrips(Event(EventKind.Death, new DeathData { Underlying = "I21.9", Causes = ["I21.9", "E11.9"], Place = "hospital" }));
        RoundTrips(Event(EventKind.Death, new DeathData { Underlying = "JP:1234567" }));
    }

    [Fact]
    public void A_retraction_without_data_round_trips()
    {
        RoundTrips(Event(EventKind.Receipt, null) with { Retracted = true, Version = 3 });
    }

    [Fact]
    public void Text_needing_escapes_round_trips()
    {
        RoundTrips(Event(EventKind.Medication, new MedicationData { Code = "YJ \"1\" \\ ｻﾄｳ" }) with { RecordId = "さとう/\"はなこ\"/𠮷" });
    }

    private static FeedEvent Event(EventKind kind, EventData? data) => new()
    {
        Source = "kyoto-univ-lab",
        RecordId = "R-2024-1",
        Version = 2,
        Kind = kind,
        Date = new DateOnly(2024, 4, 15),
        Subject = Someone,
        Data = data,
    };

    private static void RoundTrips(FeedEvent e)
    {
        var json = FeedEventJson.ToJson(e);

        var result = FeedLineParser.Parse(json, 1);

        Assert.True(result.IsAccepted, result.Rejection?.Reason);
        Assert.Equal(e, result.Event);
    }
}
