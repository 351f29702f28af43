using System.Collections.Immutable;
using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>
/// The records a person leaves in the window, each with the tokens its feed really has:
/// <list type="bullet">
/// <item>receipts (per insurer): <c>id1</c> + <c>id2</c>, and <c>mid</c> for people who have one; more often with
/// age and conditions; in the month of a mid-month insurer change, each side of it has a claim at least half
/// the time;</item>
/// <item>dispensed medications (pharmacy chains) for long-term conditions: <c>id1</c> + <c>id2</c> (+ <c>mid</c>);</item>
/// <item>hospital laboratory results and surgical outcomes (the national surgical database): <c>mid</c> and/or
/// <c>id2</c>;</item>
/// <item>PHR vitals: only <c>mid</c>;</item>
/// <item>maternal handbook entries (per prefecture): prenatal checkups and the delivery (with the child's tokens)
/// about the mother, infant checkups and vaccines about the child: <c>mid</c> (if any) + <c>id2</c>;</item>
/// <item>death certificates (vital statistics): only <c>id2</c>.</item>
/// </list>
/// </summary>
internal sealed class CareHistory
{
    private static readonly string[] ChildAcute = ["J06.9", "J20.9", "A08.4", "H66.9", "L20.9", "B34.9"];
    private static readonly string[] AdultAcute = ["J06.9", "K29.7", "M54.5", "S93.4", "H10.9", "L30.9", "R51", "K52.9"];
    private static readonly string[] ElderlyAcute = ["J18.9", "M17.9", "H25.9", "S72.0", "I48.9", "R26.8", "J06.9"];
    private static readonly string[] DentalDiagnoses = ["K02.9", "K05.3", "K04.0", "K08.1"];
    private static readonly string[] AcuteDrugs = ["1149019F1560", "6132016C1027", "2239001F1571", "4490023F1027", "1141007C1075"];
    private static readonly (string Code, int MinStay, int MaxStay, int MinAge)[] Operations =
    [
        ("K5493", 3, 7, 45), ("K6335", 2, 5, 20), ("K6722", 3, 7, 30), ("K0461", 14, 40, 50), ("K2821", 1, 3, 55),
        ("K6552", 10, 20, 50), ("K7193", 10, 20, 50), ("K4763", 5, 10, 35),
    ];

    private static readonly string[] VitalTypes = ["sbp", "dbp", "hr", "weight", "steps", "spo2", "glucose"];
    private static readonly int[] CheckupWeeks = [8, 12, 16, 20, 24, 28, 30, 32, 34, 36, 37, 38, 39];
    private static readonly int[] InfantCheckupDays = [30, 120, 300, 540, 1095];
    private static readonly (int Days, string[] Vaccines)[] VaccineSchedule =
    [
        (60, ["Hib", "PCV13", "HepB", "Rota"]), (90, ["DPT-IPV", "Hib"]), (120, ["DPT-IPV"]), (150, ["BCG"]),
        (365, ["MR", "VAR"]), (540, ["DPT-IPV"]), (1100, ["JE"]),
    ];

    private static readonly WeightedTable<(string Underlying, string Immediate)> CausesOfDeath = new([
        (("C34.9", "C34.9"), 8), (("C16.9", "C16.9"), 5), (("C18.9", "C18.9"), 5), (("C25.9", "C25.9"), 3),
        (("I21.9", "I21.9"), 4), (("I50.9", "I50.9"), 10), (("I63.9", "J69.0"), 6), (("J18.9", "J18.9"), 7),
        (("R54", "R54"), 11), (("J69.0", "J69.0"), 4), (("N18.9", "N18.9"), 2), (("W79", "T71"), 1), (("X59", "T14.9"), 2),
    ]);

    private static readonly WeightedTable<string> DeathPlaces = new([("hospital", 65), ("home", 17), ("facility", 14), ("other", 4)]);

    private readonly SyntheticPerson _person;
    private readonly CareTraits _traits;
    private readonly Random _random;
    private readonly RecordStream _stream;
    private readonly double _activity;

    // Records of one person mostly repeat a handful of subjects; sharing them keeps a big population small.
    private readonly Dictionary<(string?, string?, string?, string?), Subject> _subjects = [];

    private CareHistory(SyntheticPerson person, CareTraits traits, Random random, RecordStream stream, double activity)
    {
        _person = person;
        _traits = traits;
        _random = random;
        _stream = stream;
        _activity = activity;
    }

    public static void Write(SyntheticPerson person, IReadOnlyList<SyntheticPerson> people, CareTraits traits, Random random, RecordStream stream, double activity)
    {
        var history = new CareHistory(person, traits, random, stream, activity);
        history.Claims();
        history.LaboratoryResults();
        history.Surgeries();
        history.Vitals();
        foreach (var child in person.Children) history.Pregnancy(people[child]);
        if (person.IsBornInWindow) history.InfantCare(person);
        if (person.Death is { } death) history.DeathCertificate(death);
    }

    /// <summary>Receipts and dispensed medications, month by month.</summary>
    private void Claims()
    {
        for (var month = PopulationWindow.FirstOfMonth(_person.From); month <= _person.To; month = month.AddMonths(1))
        {
            var first = PopulationWindow.Max(month, _person.From);
            var last = PopulationWindow.Min(month.AddMonths(1).AddDays(-1), _person.To);
            var age = _person.AgeOn(first);
            var rate = Math.Min(0.95, (ReceiptRate(age) + 0.015 * _traits.Conditions.Length) * _activity);
            var change = _person.Enrollments.FirstOrDefault(e => e.From > first && e.From <= last);
            if (change is not null)
            {
                // Mid-month changes happen to people in care (most turn 75 that day): claims on both sides are common.
                var sideRate = Math.Max(rate, 0.5);
                if (_random.NextDouble() < sideRate) Receipt(PopulationWindow.DayBetween(_random, first, change.From.AddDays(-1)));
                if (_random.NextDouble() < sideRate) Receipt(PopulationWindow.DayBetween(_random, change.From, last));
            }
            else if (_random.NextDouble() < rate)
            {
                Receipt(PopulationWindow.DayBetween(_random, first, last));
                if (_random.NextDouble() < rate * 0.3) Receipt(PopulationWindow.DayBetween(_random, first, last));
            }

            if (_traits.Conditions.Length > 0 && _random.NextDouble() < Math.Min(0.9, 0.05 * _activity))
            {
                Medication(PopulationWindow.DayBetween(_random, first, last));
            }
        }
    }

    /// <summary>Share of months with a claim, by age (a sample of the claims: rarer than real visits, for size).</summary>
    private static double ReceiptRate(int age) => age switch
    {
        < 6 => 0.12,
        < 15 => 0.04,
        < 40 => 0.03,
        < 65 => 0.05,
        < 75 => 0.10,
        _ => 0.16,
    };

    private void Receipt(DateOnly date)
    {
        var enrollment = _person.EnrollmentOn(date);
        var subject = Subject(_person, date, mid: _person.Mid is not null, id1: true, id2: true);
        var age = _person.AgeOn(date);
        // Admissions are mostly of the elderly: below 65, most of the last tenth is outpatient care too.
        var setting = _random.NextDouble() switch
        {
            < 0.68 => "outpatient",
            < 0.80 => "pharmacy",
            < 0.90 => "dental",
            < 0.95 => age >= 65 || _random.NextDouble() < 0.4 ? "inpatient" : "outpatient",
            _ => age >= 65 || _random.NextDouble() < 0.4 ? "dpc" : "outpatient",
        };
        _stream.Emit("receipts-" + enrollment.Insurer.Number, "R", EventKind.Receipt, date, subject, () => ReceiptData(setting, age));
    }

    private ReceiptData ReceiptData(string setting, int age)
    {
        var diagnoses = ImmutableArray.CreateBuilder<Diagnosis>();
        var drugs = ImmutableArray.CreateBuilder<DrugUse>();
        string[] procedures;
        int points;
        string facility;
        switch (setting)
        {
            case "dental":
                diagnoses.Add(new Diagnosis { Code = Pick(DentalDiagnoses), Main = true });
                procedures = ["301000110", "302000110"];
                points = _random.Next(300, 1300);
                facility = _traits.Dentist;
                break;
            case "pharmacy":
                foreach (var condition in _traits.Conditions) drugs.Add(new DrugUse { Code = condition.Drug, Days = Pick([28, 30, 56, 84]) });
                if (drugs.Count == 0 || _random.NextDouble() < 0.3) drugs.Add(new DrugUse { Code = Pick(AcuteDrugs), Days = Pick([3, 5, 7, 14]) });
                procedures = ["420000110"];
                points = _random.Next(100, 3000);
                facility = _traits.Pharmacy;
                break;
            default:
                var acute = age < 15 ? ChildAcute : age < 65 ? AdultAcute : ElderlyAcute;
                var chronicFirst = _traits.Conditions.Length > 0 && _random.NextDouble() < 0.7;
                if (chronicFirst)
                {
                    var main = Pick(_traits.Conditions);
                    diagnoses.Add(new Diagnosis { Code = main.Icd10, Main = true });
                    foreach (var other in _traits.Conditions.Where(c => c != main)) diagnoses.Add(new Diagnosis { Code = other.Icd10 });
                    drugs.Add(new DrugUse { Code = main.Drug, Days = Pick([28, 30, 56]) });
                }
                else
                {
                    diagnoses.Add(new Diagnosis { Code = Pick(acute), Main = true, Suspected = _random.NextDouble() < 0.1 });
                    if (_random.NextDouble() < 0.6) drugs.Add(new DrugUse { Code = Pick(AcuteDrugs), Days = Pick([3, 5, 7]) });
                }

                var inpatient = setting is "inpatient" or "dpc";
                procedures = inpatient ? ["190117710", "160000410", "170011810"] : _random.NextDouble() < 0.3 ? ["111000110"] : ["112007410", "160000410"];
                points = inpatient ? _random.Next(8_000, 150_000) : _random.Next(200, 1_500);
                facility = inpatient ? _traits.Hospital : _traits.Clinic;
                break;
        }

        return new ReceiptData
        {
            Setting = setting,
            Facility = facility,
            Diagnoses = diagnoses.ToImmutable(),
            Procedures = [.. procedures],
            Drugs = drugs.ToImmutable(),
            Points = points,
        };
    }

    private void Medication(DateOnly date)
    {
        var subject = Subject(_person, date, mid: _person.Mid is not null, id1: true, id2: true);
        var condition = Pick(_traits.Conditions);
        _stream.Emit(_traits.PharmacySource, "M", EventKind.Medication, date, subject,
            () => new MedicationData { Code = condition.Drug, Days = Pick([28, 30, 56, 84, 90]) });
    }

    private void LaboratoryResults()
    {
        for (var month = PopulationWindow.FirstOfMonth(_person.From); month <= _person.To; month = month.AddMonths(1))
        {
            var first = PopulationWindow.Max(month, _person.From);
            var age = _person.AgeOn(first);
            var visitsPerYear = age >= 40 ? 0.25 + 0.15 * _traits.Conditions.Length : 0.08;
            if (_random.NextDouble() >= Math.Min(0.9, visitsPerYear / 12 * _activity)) continue;

            var date = PopulationWindow.DayBetween(_random, first, PopulationWindow.Min(month.AddMonths(1).AddDays(-1), _person.To));
            var followed = _traits.Conditions.SelectMany(c => c.Labs).Distinct().ToList();
            List<LabTest> tests = followed.Count > 0 && _random.NextDouble() < 0.7 ? followed : [Pick(LabTest.RoutinePanel)];
            foreach (var test in tests.Take(2))
            {
                var affected = followed.Contains(test);
                var subject = HospitalSubject(_person, date);
                _stream.Emit(_traits.LabSource, "L", EventKind.Lab, date, subject,
                    () => new LabData { Code = test.Jlac10, Value = test.Draw(_random, affected), Unit = test.Unit });
            }
        }
    }

    private void Surgeries()
    {
        for (var year = _person.From.Year; year <= _person.To.Year; year++)
        {
            var age = year - _person.BirthDate.Year;
            if (_random.NextDouble() >= (age >= 60 ? 0.012 : 0.004) * _activity) continue;
            var candidates = Operations.Where(o => age >= o.MinAge).ToArray();
            if (candidates.Length == 0) continue;
            var operation = Pick(candidates);
            var date = PopulationWindow.DayBetween(_random, PopulationWindow.Max(_person.From, new DateOnly(year, 1, 1)), PopulationWindow.Min(_person.To, new DateOnly(year, 12, 31)));
            _stream.Emit("ncd-surgery", "S", EventKind.Surgery, date, HospitalSubject(_person, date),
                () => new SurgeryData { Code = operation.Code, Complication = _random.NextDouble() < 0.07, Los = _random.Next(operation.MinStay, operation.MaxStay + 1) });
        }
    }

    private void Vitals()
    {
        if (_traits.PhrApp is not { } app || _person.Mid is not { } mid) return;

        // PHR apps feed the platform from 2020 on.
        var first = PopulationWindow.Max(_person.From, new DateOnly(2020, 1, 1));
        if (first > _person.To) return;
        var measurements = (int)Math.Round((4 + _random.Next(16)) * _activity);
        for (var i = 0; i < measurements; i++)
        {
            var date = PopulationWindow.DayBetween(_random, first, _person.To);
            var type = Pick(VitalTypes);
            var at = date.ToDateTime(new TimeOnly(_random.Next(6, 23), _random.Next(60))).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+09:00";
            var subject = new Subject { Mid = mid, Birth = _person.BirthMonth, Sex = _person.Sex, Pref = _person.Pref };
            _stream.Emit(app, "V", EventKind.Vital, date, subject, () => new VitalData { Type = type, Value = VitalValue(type), At = at });
        }
    }

    private double VitalValue(string type) => type switch
    {
        "sbp" => _random.Next(100, 171),
        "dbp" => _random.Next(58, 101),
        "hr" => _random.Next(52, 101),
        "weight" => Math.Round(40 + _random.NextDouble() * 55, 1),
        "steps" => _random.Next(800, 15_001),
        "spo2" => _random.Next(93, 100),
        _ => _random.Next(75, 201),
    };

    /// <summary>The _person's maternal handbook entries for one child: prenatal checkups and the delivery.</summary>
    private void Pregnancy(SyntheticPerson child)
    {
        var source = "boshi-" + _person.Pref;
        var gestWeeks = _random.NextDouble() < 0.05 ? _random.Next(32, 37) : _random.Next(37, 42);
        foreach (var week in CheckupWeeks)
        {
            if (week >= gestWeeks || _random.NextDouble() < 0.5) continue;
            var date = child.BirthDate.AddDays(-7 * (gestWeeks - week));
            if (date < _person.From) continue;
            _stream.Emit(source, "B", EventKind.Maternal, date, HandbookSubject(_person, date),
                () => new MaternalData { Entry = "checkup", GestWeeks = week });
        }

        var childSubject = HandbookSubject(child, child.BirthDate);
        var birthWeight = Math.Clamp((int)(3000 + 420 * Normal() - (gestWeeks < 37 ? 700 : 0)), 1200, 4600);
        _stream.Emit(source, "B", EventKind.Maternal, child.BirthDate, HandbookSubject(_person, child.BirthDate),
            () => new MaternalData { Entry = "delivery", GestWeeks = gestWeeks, BirthWeight = birthWeight, Child = childSubject });
    }

    /// <summary>The child's own handbook entries: infant checkups and vaccines.</summary>
    private void InfantCare(SyntheticPerson child)
    {
        var source = "boshi-" + child.Pref;
        foreach (var days in InfantCheckupDays)
        {
            var date = child.BirthDate.AddDays(days + _random.Next(-5, 15));
            if (date > child.To || _random.NextDouble() < 0.1) continue;
            _stream.Emit(source, "B", EventKind.Maternal, date, HandbookSubject(child, date), () => new MaternalData { Entry = "infant" });
        }

        foreach (var (days, vaccines) in VaccineSchedule)
        {
            var date = child.BirthDate.AddDays(days + _random.Next(0, 20));
            if (date > child.To) continue;
            foreach (var vaccine in vaccines)
            {
                if (_random.NextDouble() < 0.08) continue;
                _stream.Emit(source, "B", EventKind.Maternal, date, HandbookSubject(child, date),
                    () => new MaternalData { Entry = "vaccine", Vaccine = vaccine });
            }
        }
    }

    private void DeathCertificate(DateOnly death)
    {
        // A death certificate names the dead, it does not carry insurance or medical IDs: id2 only.
        var subject = new Subject { Id2 = _person.NameOn(death).Id2, Birth = _person.BirthMonth, Sex = _person.Sex, Pref = _person.Pref };
        _stream.Emit("vital-statistics", "D", EventKind.Death, death, subject, () =>
        {
            var (underlying, immediate) = CausesOfDeath.Draw(_random);
            return new DeathData
            {
                Underlying = underlying,
                Causes = underlying == immediate ? [underlying] : [immediate, underlying],
                Place = DeathPlaces.Draw(_random),
            };
        });
    }

    /// <summary>A hospital knows the mid of those who have one, and the name on the card: mid and/or id2.</summary>
    private Subject HospitalSubject(SyntheticPerson person, DateOnly date) =>
        person.Mid is null
            ? Subject(person, date, mid: false, id1: false, id2: true)
            : Subject(person, date, mid: true, id1: false, id2: _random.NextDouble() < 0.6);

    private Subject HandbookSubject(SyntheticPerson person, DateOnly date) =>
        Subject(person, date, mid: person.Mid is not null, id1: false, id2: true);

    private Subject Subject(SyntheticPerson person, DateOnly date, bool mid, bool id1, bool id2)
    {
        var key = (
            mid ? person.Mid : null,
            id1 ? person.EnrollmentOn(date).Id1 : null,
            id2 ? person.NameOn(date).Id2 : null,
            _random.NextDouble() < 0.95 ? person.Pref : null);
        if (!_subjects.TryGetValue(key, out var subject))
        {
            subject = new Subject { Mid = key.Item1, Id1 = key.Item2, Id2 = key.Item3, Birth = person.BirthMonth, Sex = person.Sex, Pref = key.Item4 };
            _subjects[key] = subject;
        }

        return subject;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
