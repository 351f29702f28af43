using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Benchmarks;

/// <summary>
/// A generated population whose receipts are spread over twelve facilities of about the same size; deaths within 30
/// days of a first receipt are added with a risk rising with age, four times as high for the patients of one
/// facility. The funnel flags that facility high and none of the eleven others.
/// </summary>
public sealed class PlantedFacilityTests
{
    private const int Facilities = 12;
    private const string Planted = "1310000000";

    [Fact]
    public void The_planted_facility_is_flagged_high_and_no_null_facility_of_its_size_is()
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 5_000, Seed = 19 });
        var current = population.CurrentRecords();
        var byKey = current.ToDictionary(r => r.Key);
        var random = new Random(190);
        var summaries = LinkageRules.Partition(current).People
            .Select(p => Planting(PersonSummaries.Of(p.Id, [.. p.Records.Select(k => byKey[k])]), random))
            .ToArray();
        var request = new BenchmarkRequest
        {
            Indicator = new CohortDefinition
            {
                Entry = new CohortCriterion { Kind = EventKind.Receipt },
                Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = 30 },
            },
        };

        var partial = new BenchmarkEvaluator().Evaluate(new BenchmarkQuery { Request = request }, IndexOf(summaries).Slices);
        var counts = BenchmarkCounts.Of(request, partial.Tally);
        var answer = BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(Facilities, answer.Facilities.Length);
        var sizes = answer.Facilities.Select(f => f.People).ToArray();
        Assert.True(sizes.Max() < 1.5 * sizes.Min(), $"facilities of about one size: {string.Join(", ", sizes)}");
        var planted = answer.Facilities.Single(f => f.Facility == Planted);
        Assert.Equal(FunnelFlag.High, planted.Flag);
        Assert.True(planted.Smr > 2.5, $"the planted facility's SMR is {planted.Smr}");
        Assert.All(answer.Facilities.Where(f => f.Facility != Planted), f => Assert.NotEqual(FunnelFlag.High, f.Flag));
    }

    /// <summary>
    /// The person's receipts moved to one of the twelve facilities (by their original code, so a person's hospital
    /// stays one facility), and, unless they already die within 30 days of their first receipt, a death 1 to 30 days
    /// after it with a risk of 1% plus 0.1% a year of age, four times that at the planted facility.
    /// </summary>
    private static PersonSummary Planting(PersonSummary person, Random random)
    {
        var events = person.Events.Select(e => e.Kind == EventKind.Receipt && e.Facility is { } code ? e with { Facility = Remapped(code) } : e).ToList();
        var first = events.FirstOrDefault(e => e.Kind == EventKind.Receipt);
        var draw = random.NextDouble();
        if (first is null) return person with { Events = [.. events] };

        var age = first.Date.Year - int.Parse(person.Birth[..4]);
        var risk = (0.01 + 0.001 * Math.Max(age, 0)) * (first.Facility == Planted ? 4 : 1);
        var dies = events.Any(e => e.Kind == EventKind.Death && e.Date >= first.Date && e.Date.DayNumber - first.Date.DayNumber <= 30);
        if (!dies && draw < risk)
        {
            var death = first.Date.AddDays(1 + random.Next(30));
            events.Add(Death(RandomDate(death), "I21"));
        }

        return person with { Events = [.. events.OrderBy(e => e.Date)], LastDate = events.Max(e => e.Date) > person.LastDate ? events.Max(e => e.Date) : person.LastDate };
    }

    private static string RandomDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Remapped(string code)
    {
        var hash = 0;
        foreach (var c in code) hash = unchecked(hash * 31 + c);
        return $"13100000{(int)((uint)hash % Facilities):00}";
    }
}
