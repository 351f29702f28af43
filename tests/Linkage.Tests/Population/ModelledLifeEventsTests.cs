using Linkage.Feeds;

namespace Linkage.Tests.Population;

/// <summary>What the generated population models shows up in its records, seen through the truth.</summary>
public sealed class ModelledLifeEventsTests(GeneratedPopulationFixture fixture) : IClassFixture<GeneratedPopulationFixture>
{
    [Fact]
    public void Different_people_share_an_id2()
    {
        var collisions = fixture.Valid
            .Where(e => e.Subject.Id2 is not null)
            .GroupBy(e => e.Subject.Id2!)
            .Count(g => g.Select(fixture.PersonOf).Distinct().Count() > 1);

        // 5,000 people: a handful to a few dozen (namesakes at 0.3% plus chance); never a flood.
        Assert.InRange(collisions, 5, 100);
    }

    [Fact]
    public void Some_insurer_changes_fall_in_mid_month()
    {
        var midMonth = fixture.Valid
            .Where(e => e.Subject.Id1 is not null)
            .GroupBy(e => (fixture.PersonOf(e), e.Date.Year, e.Date.Month))
            .Count(g => g.Select(e => e.Subject.Id1).Distinct().Count() > 1);
        var changes = fixture.Valid
            .Where(e => e.Subject.Id1 is not null)
            .GroupBy(fixture.PersonOf)
            .Sum(g => g.Select(e => e.Subject.Id1).Distinct().Count() - 1);

        Assert.True(midMonth > 0);
        Assert.True(midMonth < changes / 2, $"{midMonth} of {changes} changes seen within a month");
    }

    [Fact]
    public void Marriages_change_the_id2_mostly_of_women()
    {
        var renamed = fixture.Valid
            .Where(e => e.Subject.Id2 is not null)
            .GroupBy(fixture.PersonOf)
            .Where(g => g.Select(e => e.Subject.Id2).Distinct().Count() > 1)
            .Select(g => g.First().Subject.Sex)
            .ToList();

        Assert.NotEmpty(renamed);
        Assert.True(renamed.Count(s => s == Sex.F) > 0.8 * renamed.Count);
    }

    [Fact]
    public void Death_certificates_carry_only_id2_and_nothing_follows_a_death()
    {
        var deaths = fixture.Valid.Where(e => e.Kind == EventKind.Death).ToList();

        Assert.NotEmpty(deaths);
        Assert.All(deaths, d => Assert.True(d.Subject is { Mid: null, Id1: null, Id2: not null }));
        var deathDates = deaths.GroupBy(fixture.PersonOf).ToDictionary(g => g.Key, g => g.First().Date);
        Assert.All(fixture.Valid, e => Assert.True(!deathDates.TryGetValue(fixture.PersonOf(e), out var died) || e.Date <= died));
    }

    [Fact]
    public void Vitals_carry_only_mid()
    {
        var vitals = fixture.Valid.Where(e => e.Kind == EventKind.Vital).ToList();

        Assert.NotEmpty(vitals);
        Assert.All(vitals, v => Assert.True(v.Subject is { Mid: not null, Id1: null, Id2: null }));
    }

    [Fact]
    public void Receipts_carry_id1_and_id2_and_the_mid_of_people_who_have_one()
    {
        var receipts = fixture.Valid.Where(e => e.Kind == EventKind.Receipt).ToList();

        Assert.All(receipts, r => Assert.True(r.Subject is { Id1: not null, Id2: not null }));
        var midHolders = fixture.Valid.Where(e => e.Subject.Mid is not null).Select(fixture.PersonOf).ToHashSet();
        Assert.All(receipts, r => Assert.Equal(midHolders.Contains(fixture.PersonOf(r)), r.Subject.Mid is not null));
    }

    [Fact]
    public void About_three_in_five_people_have_a_mid()
    {
        var people = fixture.Valid.Select(fixture.PersonOf).ToHashSet();
        var midHolders = fixture.Valid.Where(e => e.Subject.Mid is not null).Select(fixture.PersonOf).ToHashSet();

        Assert.InRange((double)midHolders.Count / people.Count, 0.55, 0.65);
    }

    [Fact]
    public void Hospital_records_carry_mid_or_id2_never_id1()
    {
        var hospital = fixture.Valid.Where(e => e.Kind is EventKind.Lab or EventKind.Surgery or EventKind.Maternal).ToList();

        Assert.All(hospital, e => Assert.True(e.Subject.Id1 is null && (e.Subject.Mid is not null || e.Subject.Id2 is not null)));
        Assert.Contains(hospital, e => e.Subject is { Mid: null, Id2: not null });
        Assert.Contains(hospital, e => e.Subject is { Mid: not null, Id2: null });
    }

    [Fact]
    public void A_delivery_carries_the_tokens_of_a_child_whose_own_records_hold_them()
    {
        var deliveries = fixture.Valid.Where(e => e.Data is MaternalData { Entry: "delivery" }).ToList();
        var personOfId2 = fixture.Valid.Where(e => e.Kind != EventKind.Death && e.Subject.Id2 is not null)
            .GroupBy(e => e.Subject.Id2!)
            .ToDictionary(g => g.Key, g => g.Select(fixture.PersonOf).ToHashSet());

        Assert.NotEmpty(deliveries);
        var linked = deliveries.Count(d =>
        {
            var child = ((MaternalData)d.Data!).Child!;
            return child.Birth == d.Date.ToString("yyyy-MM") && personOfId2.TryGetValue(child.Id2!, out var people)
                   && people.Any(p => p != fixture.PersonOf(d));
        });
        Assert.True(linked > deliveries.Count / 2, $"{linked} of {deliveries.Count} deliveries");
    }
}
