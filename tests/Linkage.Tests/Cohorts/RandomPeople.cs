using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>Random people with records of every kind over three years, from small code pools so that criteria often match.</summary>
internal static class RandomPeople
{
    private static readonly string[] Diagnoses = ["E11.9", "E11.2", "E10.1", "I21.0", "C34.1"];
    private static readonly string[] Prefs = ["13", "14", "26"];

    /// <summary>The people p1..p<paramref name="count"/>, each with 1 to 12 current records.</summary>
    public static (string Person, IReadOnlyCollection<FeedEvent> Records)[] Make(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(i => ("p" + i, (IReadOnlyCollection<FeedEvent>)Person(random)))];
    }

    private static FeedEvent[] Person(Random random)
    {
        var subject = RandomSubject(random);
        return [.. Enumerable.Range(0, random.Next(1, 13)).Select(_ =>
        {
            // Mostly one subject, sometimes a record that disagrees with it.
            var who = random.Next(6) == 0 ? RandomSubject(random) : subject;
            return RandomRecord(random, new DateOnly(2019, 1, 1).AddDays(random.Next(3 * 365))) with { Subject = who };
        })];
    }

    private static Subject RandomSubject(Random random) =>
        Subject($"{random.Next(1925, 2015)}-{random.Next(1, 13):00}", (Sex)random.Next(3), random.Next(4) == 0 ? null : Prefs[random.Next(Prefs.Length)]);

    private static FeedEvent RandomRecord(Random random, DateOnly date)
    {
        var day = date.ToString("yyyy-MM-dd");
        return random.Next(7) switch
        {
            0 => Receipt(day, [Dx(Diagnoses[random.Next(Diagnoses.Length)], suspected: random.Next(4) == 0)], drugs: random.Next(2) == 0 ? ["3969010"] : []),
            1 => Lab(day, value: Math.Round(5 + 5 * random.NextDouble(), 1)),
            2 => Medication(day, random.Next(2) == 0 ? "3969010" : "6219001"),
            3 => Surgery(day, "K549" + random.Next(10), random.Next(3) switch { 0 => true, 1 => false, _ => null }),
            4 => Vital(day, random.Next(2) == 0 ? "sbp" : "dbp", random.Next(60, 200)),
            5 => Maternal(day, "delivery", random.Next(2) == 0 ? random.Next(400, 4500) : null),
            _ => Death(day, Diagnoses[random.Next(Diagnoses.Length)]),
        };
    }
}
