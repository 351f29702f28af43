using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>One generated person: who they are, the names and enrolments they pass through, their family and death.</summary>
internal sealed class SyntheticPerson
{
    public SyntheticPerson(int number, Sex sex, DateOnly birthDate, string pref, string surname, string givenName)
    {
        Number = number;
        Sex = sex;
        BirthDate = birthDate;
        Pref = pref;
        Surname = surname;
        GivenName = givenName;
    }

    /// <summary>The person's number in the truth file.</summary>
    public int Number { get; }

    public Sex Sex { get; }

    public DateOnly BirthDate { get; }

    /// <summary>JIS X 0401 code of the prefecture they live in (a child lives with its mother).</summary>
    public string Pref { get; set; }

    /// <summary>The surname at birth, or at the window's start for people born before it.</summary>
    public string Surname { get; set; }

    public string GivenName { get; }

    /// <summary>The mid token, for people who have a lifelong medical ID.</summary>
    public string? Mid { get; set; }

    public List<NamePeriod> Names { get; } = [];

    public List<Enrollment> Enrollments { get; } = [];

    public DateOnly? Marriage { get; set; }

    public DateOnly? Death { get; set; }

    /// <summary>The mother's number, for children born in the window whose mother is in the population.</summary>
    public int? Mother { get; set; }

    /// <summary>Numbers of the children this person gives birth to in the window.</summary>
    public List<int> Children { get; } = [];

    public bool IsBornInWindow => BirthDate >= PopulationWindow.Start;

    /// <summary>The first day the person appears in the window: its start, or their birth.</summary>
    public DateOnly From => PopulationWindow.Max(PopulationWindow.Start, BirthDate);

    /// <summary>The last day the person appears in the window: its end, or their death.</summary>
    public DateOnly To => Death ?? PopulationWindow.End;

    public string BirthMonth => BirthDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public int AgeOn(DateOnly day) => PopulationWindow.AgeOn(BirthDate, day);

    public NamePeriod NameOn(DateOnly day) => Latest(Names, day, n => n.From);

    public Enrollment EnrollmentOn(DateOnly day) => Latest(Enrollments, day, e => e.From);

    private static T Latest<T>(List<T> periods, DateOnly day, Func<T, DateOnly> from)
    {
        var current = periods[0];
        foreach (var period in periods)
        {
            if (from(period) <= day) current = period;
            else break;
        }

        return current;
    }
}
