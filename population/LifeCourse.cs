using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Population;

/// <summary>
/// What happens to a person's identity in the window: death, marriage (and with it, mostly for women, a new
/// surname), and insurance enrolments: a first job each April, job changes (mostly from the 1st of a month, some
/// mid-month), retirement into 国保, marriage into a husband's insurance as a dependent, and the switch to
/// 後期高齢者医療 on the 75th birthday itself (so usually mid-month, as the law has it).
/// </summary>
internal static class LifeCourse
{
    private const double WomanTakesNewSurname = 0.96;
    private const double ManTakesNewSurname = 0.04;

    public static void Live(SyntheticPerson person, Random random, LinkageTokenizer tokenizer, InsurerCatalog insurers)
    {
        person.Death = DrawDeath(person, random);
        person.Names.Add(new NamePeriod(person.From, person.Surname, person.GivenName, Id2(tokenizer, person, person.Surname)));
        person.Marriage = DrawMarriage(person, random);
        if (person.Marriage is { } wedding
            && random.NextDouble() < (person.Sex == Sex.F ? WomanTakesNewSurname : ManTakesNewSurname))
        {
            string surname;
            do surname = KanaNames.Surnames.Draw(random);
            while (surname == person.Surname);
            person.Names.Add(new NamePeriod(wedding, surname, person.GivenName, Id2(tokenizer, person, surname)));
        }

        Enrol(person, random, tokenizer, insurers);
    }

    private static DateOnly? DrawDeath(SyntheticPerson person, Random random)
    {
        for (var year = person.From.Year; year <= PopulationWindow.End.Year; year++)
        {
            var first = PopulationWindow.Max(person.From, new DateOnly(year, 1, 1));
            var last = new DateOnly(year, 12, 31);
            var shareOfYear = (last.DayNumber - first.DayNumber + 1) / 365.0;
            if (random.NextDouble() < AgePyramid.AnnualDeathRate(year - person.BirthDate.Year) * shareOfYear)
            {
                return PopulationWindow.DayBetween(random, first, last);
            }
        }

        return null;
    }

    private static DateOnly? DrawMarriage(SyntheticPerson person, Random random)
    {
        for (var year = person.From.Year; year <= person.To.Year; year++)
        {
            var age = year - person.BirthDate.Year;
            var rate = person.Sex == Sex.F
                ? age switch { >= 20 and <= 23 => 0.03, >= 24 and <= 34 => 0.07, >= 35 and <= 44 => 0.025, _ => 0 }
                : age switch { >= 22 and <= 25 => 0.02, >= 26 and <= 37 => 0.06, >= 38 and <= 49 => 0.02, _ => 0 };
            if (random.NextDouble() < rate)
            {
                var first = PopulationWindow.Max(person.From, new DateOnly(year, 1, 1));
                var last = PopulationWindow.Min(person.To, new DateOnly(year, 12, 31));
                if (first <= last) return PopulationWindow.DayBetween(random, first, last);
            }
        }

        return null;
    }

    private static void Enrol(SyntheticPerson person, Random random, LinkageTokenizer tokenizer, InsurerCatalog insurers)
    {
        var age = person.AgeOn(person.From);
        var (scheme, branch) = age switch
        {
            >= 75 => (InsuranceScheme.LateElderly, "00"),
            >= 65 => random.NextDouble() < 0.7 ? (InsuranceScheme.NationalHealthInsurance, NhiBranch(random)) : (EmployeeScheme(random), "00"),
            >= 22 => random.NextDouble() < 0.15
                ? (InsuranceScheme.NationalHealthInsurance, NhiBranch(random))
                : (EmployeeScheme(random), person.Sex == Sex.F && age >= 30 && random.NextDouble() < 0.35 ? "01" : "00"),
            _ => random.NextDouble() < 0.8
                ? (EmployeeScheme(random), "0" + random.Next(1, 6))
                : (InsuranceScheme.NationalHealthInsurance, NhiBranch(random)),
        };
        AddEnrollment(person, random, tokenizer, insurers, person.From, scheme, branch);

        foreach (var (day, change) in ChangesInOrder(person, random))
        {
            var current = person.Enrollments[^1];
            if (day <= current.From || day > person.To || current.Insurer.Scheme == InsuranceScheme.LateElderly) continue;
            switch (change)
            {
                case Change.TurnsSeventyFive:
                    AddEnrollment(person, random, tokenizer, insurers, day, InsuranceScheme.LateElderly, "00");
                    break;
                case Change.FirstJob when current.Branch != "00":
                case Change.JobChange:
                    var scheme2 = random.NextDouble() < 0.8 ? EmployeeScheme(random) : InsuranceScheme.NationalHealthInsurance;
                    AddEnrollment(person, random, tokenizer, insurers, day, scheme2, scheme2 == InsuranceScheme.NationalHealthInsurance ? NhiBranch(random) : "00");
                    break;
                case Change.Retires when current.Insurer.Scheme is not InsuranceScheme.NationalHealthInsurance && current.Branch == "00":
                    AddEnrollment(person, random, tokenizer, insurers, day, InsuranceScheme.NationalHealthInsurance, NhiBranch(random));
                    break;
                case Change.MarriesIntoSpouseInsurance:
                    AddEnrollment(person, random, tokenizer, insurers, day, EmployeeScheme(random), "01");
                    break;
            }
        }
    }

    private enum Change
    {
        TurnsSeventyFive,
        FirstJob,
        JobChange,
        Retires,
        MarriesIntoSpouseInsurance,
    }

    private static List<(DateOnly Day, Change Change)> ChangesInOrder(SyntheticPerson person, Random random)
    {
        var changes = new List<(DateOnly, Change)>();
        var seventyFifth = person.BirthDate.AddYears(75);
        if (seventyFifth > person.From && seventyFifth <= person.To) changes.Add((seventyFifth, Change.TurnsSeventyFive));

        for (var year = person.From.Year; year <= person.To.Year; year++)
        {
            var age = year - person.BirthDate.Year;
            if (age == 22 && random.NextDouble() < 0.7) changes.Add((new DateOnly(year, 4, 1), Change.FirstJob));
            if (age is >= 23 and <= 59 && random.NextDouble() < 0.05)
            {
                // Most new enrolments start on the 1st; some start the day after a mid-month resignation.
                var month = random.Next(1, 13);
                var day = random.NextDouble() < 0.9 ? 1 : random.Next(2, 29);
                changes.Add((new DateOnly(year, month, day), Change.JobChange));
            }

            if ((age == 60 && random.NextDouble() < 0.4) || (age == 65 && random.NextDouble() < 0.7))
            {
                var birthday = new DateOnly(year, person.BirthDate.Month, Math.Min(person.BirthDate.Day, 28));
                changes.Add((PopulationWindow.FirstOfMonth(birthday).AddMonths(1), Change.Retires));
            }
        }

        if (person.Marriage is { } wedding && person.Sex == Sex.F && random.NextDouble() < 0.5)
        {
            var day = random.NextDouble() < 0.8 ? PopulationWindow.FirstOfMonth(wedding).AddMonths(1) : wedding;
            changes.Add((day, Change.MarriesIntoSpouseInsurance));
        }

        changes.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return changes;
    }

    private static InsuranceScheme EmployeeScheme(Random random) => random.NextDouble() switch
    {
        < 0.5 => InsuranceScheme.KyokaiKenpo,
        < 0.85 => InsuranceScheme.KenpoKumiai,
        _ => InsuranceScheme.Kyosai,
    };

    /// <summary>国保 branch numbers: 00 for the head of the household, 01.. for the others.</summary>
    private static string NhiBranch(Random random) => "0" + random.Next(0, 4);

    private static void AddEnrollment(
        SyntheticPerson person, Random random, LinkageTokenizer tokenizer, InsurerCatalog insurers,
        DateOnly from, InsuranceScheme scheme, string branch)
    {
        var insurer = insurers.Draw(random, scheme, person.Pref);
        var symbol = scheme switch
        {
            InsuranceScheme.NationalHealthInsurance => "国" + random.Next(10, 100),
            InsuranceScheme.LateElderly => string.Empty,
            _ => random.Next(1, 100_000_000).ToString(),
        };

        // Person number and enrolment count make the insured number unique, so id1 tokens never collide by chance.
        var number = (person.Number * 100L + person.Enrollments.Count).ToString("D9");
        var id1 = tokenizer.Id1(insurer.Number, symbol, number, branch, person.BirthDate, person.Sex);
        person.Enrollments.Add(new Enrollment(from, insurer, symbol, number, branch, id1));
    }

    private static string Id2(LinkageTokenizer tokenizer, SyntheticPerson person, string surname) =>
        tokenizer.Id2(KanaNames.FullName(surname, person.GivenName), person.BirthDate, person.Sex);
}
