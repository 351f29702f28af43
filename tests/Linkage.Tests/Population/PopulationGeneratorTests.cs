using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using Linkage.Tokens;

namespace Linkage.Tests.Population;

/// <summary>The generator's output as feeds: deterministic, true to events-v1, with the truth and the defects of real feeds.</summary>
public sealed partial class PopulationGeneratorTests(GeneratedPopulationFixture fixture) : IClassFixture<GeneratedPopulationFixture>
{
    [Fact]
    public void The_same_people_and_seed_give_the_same_lines_and_truth()
    {
        var first = PopulationGenerator.Generate(new PopulationOptions { People = 300, Seed = 9 });
        var second = PopulationGenerator.Generate(new PopulationOptions { People = 300, Seed = 9 });
        var otherSeed = PopulationGenerator.Generate(new PopulationOptions { People = 300, Seed = 10 });

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.Truth.OrderBy(t => t.Key), second.Truth.OrderBy(t => t.Key));
        Assert.NotEqual(first.Lines.Select(l => l.Text).Order(), otherSeed.Lines.Select(l => l.Text).Order());
    }

    [Fact]
    public void The_truth_covers_exactly_the_records_of_the_valid_lines()
    {
        var keys = fixture.Valid.Select(e => e.Key).ToHashSet();

        Assert.Equal(keys.Order(), fixture.Population.Truth.Keys.Order());
        Assert.All(fixture.Population.Truth.Values, person => Assert.InRange(person, 0, 4_999));
    }

    [Fact]
    public void Every_valid_line_is_the_events_v1_json_of_its_event()
    {
        var population = fixture.Population;
        for (var i = 0; i < population.Lines.Count; i++)
        {
            if (population.Events[i] is not { } feedEvent) continue;
            Assert.Equal(FeedEventJson.ToJson(feedEvent), population.Lines[i].Text);
            Assert.Equal(feedEvent.Source, population.Lines[i].Source);
        }
    }

    [Fact]
    public void Every_valid_event_keeps_to_the_contract()
    {
        Assert.All(fixture.Valid, e =>
        {
            Assert.Matches("^[a-z0-9][a-z0-9-]{0,63}$", e.Source);
            Assert.InRange(e.Date, new DateOnly(2018, 1, 1), new DateOnly(2025, 12, 31));
            Assert.True(e.Subject.Mid is not null || e.Subject.Id1 is not null || e.Subject.Id2 is not null);
            Assert.True(e.Subject.Mid is null || LinkageToken.IsWellFormed(e.Subject.Mid, TokenKind.Mid));
            Assert.True(e.Subject.Id1 is null || LinkageToken.IsWellFormed(e.Subject.Id1, TokenKind.Id1));
            Assert.True(e.Subject.Id2 is null || LinkageToken.IsWellFormed(e.Subject.Id2, TokenKind.Id2));
            Assert.Matches("^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$", e.Subject.Birth);
            Assert.True(e.Retracted || e.Data is not null);
        });
    }

    [Fact]
    public void Malformed_lines_exist_and_each_breaks_a_rule_of_the_contract()
    {
        var malformed = fixture.Population.Lines.Where((_, i) => fixture.Population.Events[i] is null).ToList();

        Assert.InRange(malformed.Count, 1, fixture.Population.Lines.Count / 100);
        Assert.All(malformed, line => Assert.True(BreaksTheContract(line.Text), line.Text));

        // Malformed lines come under record ids of their own, so a feed that wrongly took one would show it.
        var validIds = fixture.Population.Truth.Keys.Select(k => k.RecordId).ToHashSet();
        var malformedIds = malformed.Select(l => RecordIdField().Match(l.Text)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(malformedIds);
        Assert.DoesNotContain(malformedIds, validIds.Contains);
    }

    [Fact]
    public void Corrections_retractions_and_duplicates_appear_in_shuffled_order()
    {
        var population = fixture.Population;
        var versions = fixture.Valid.GroupBy(e => e.Key).ToList();

        Assert.Contains(versions, g => g.Select(e => e.Version).Distinct().Count() >= 2 && g.Where(e => !e.Retracted).Select(e => e.Data).Distinct().Count() >= 2);
        Assert.Contains(fixture.Valid, e => e.Retracted);
        Assert.True(population.Lines.Count > population.Lines.Select(l => l.Text).Distinct().Count(), "no exact duplicate");

        // A lower version arriving after a higher one of the same record.
        var highest = new Dictionary<RecordKey, int>();
        var staleArrivals = 0;
        foreach (var e in population.Events.OfType<FeedEvent>())
        {
            if (highest.TryGetValue(e.Key, out var seen) && seen > e.Version) staleArrivals++;
            highest[e.Key] = Math.Max(seen, e.Version);
        }

        Assert.True(staleArrivals > 0);
    }

    [Fact]
    public void Current_records_hold_the_latest_version_of_each_record_that_is_not_retracted()
    {
        var current = fixture.Population.CurrentRecords();
        var latest = fixture.Valid.GroupBy(e => e.Key).Select(g => g.MaxBy(e => e.Version)!).ToList();

        Assert.Equal(latest.Where(e => !e.Retracted).OrderBy(e => e.Key), current);
        Assert.True(current.Count < latest.Count);
    }

    [Fact]
    public void Every_kind_appears_and_every_maternal_entry()
    {
        Assert.Equal(Enum.GetValues<EventKind>().Order(), fixture.Valid.Select(e => e.Kind).Distinct().Order());
        Assert.Equal(
            ["checkup", "delivery", "infant", "vaccine"],
            fixture.Valid.Select(e => e.Data).OfType<MaternalData>().Select(m => m.Entry).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_rules_find_the_generated_people_well_and_far_better_than_id1_alone()
    {
        var current = fixture.Population.CurrentRecords();
        var partition = LinkageRules.Partition([.. current]);
        var truth = current.Select(r => fixture.Population.Truth[r.Key]).ToArray();

        var rules = PairwiseQuality.Of(truth, current.Select(r => partition.PersonOf(r.Key)!.Id).ToArray());
        var id1Only = PairwiseQuality.Of(truth, current.Select(r => r.Subject.Id1 ?? r.Key.ToString()).ToArray());

        Assert.InRange(rules.Precision, 0.99, 1.0);
        Assert.InRange(rules.Recall, 0.95, 1.0);
        Assert.True(rules.Recall > id1Only.Recall + 0.3);
    }

    [Fact]
    public async Task WriteAsync_writes_one_file_per_feed_and_the_truth()
    {
        var options = new PopulationOptions { People = 200, Seed = 4 };
        var directory = Directory.CreateTempSubdirectory("linkage-population-");
        try
        {
            await PopulationGenerator.WriteAsync(options, directory.FullName);
            var population = PopulationGenerator.Generate(options);

            var files = directory.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(population.Sources.Select(s => s + ".ndjson").Append("truth.csv").Order(StringComparer.Ordinal), files);
            foreach (var source in population.Sources)
            {
                var written = await File.ReadAllTextAsync(Path.Combine(directory.FullName, source + ".ndjson"));
                Assert.Equal(population.LinesBySource()[source].Select(l => l.Text + "\n"), written.Split('\n')[..^1].Select(l => l + "\n"));
            }

            var truth = await File.ReadAllLinesAsync(Path.Combine(directory.FullName, "truth.csv"));
            Assert.Equal("source,recordId,person", truth[0]);
            Assert.Equal(
                population.Truth.Select(t => $"{t.Key.Source},{t.Key.RecordId},{t.Value}").Order(StringComparer.Ordinal),
                truth.Skip(1).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static bool BreaksTheContract(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return true;
        }

        using (document)
        {
            var root = document.RootElement;
            var kind = root.GetProperty("kind").GetString();
            if (kind is not ("receipt" or "lab" or "medication" or "surgery" or "vital" or "maternal" or "death")) return true;
            if (!DateOnly.TryParseExact(root.GetProperty("date").GetString(), "yyyy-MM-dd", out _)) return true;
            var subject = root.GetProperty("subject");
            var tokens = new[] { ("mid", TokenKind.Mid), ("id1", TokenKind.Id1), ("id2", TokenKind.Id2) }
                .Where(t => subject.TryGetProperty(t.Item1, out _))
                .ToList();
            if (tokens.Count == 0) return true;
            return tokens.Any(t => !LinkageToken.IsWellFormed(subject.GetProperty(t.Item1).GetString(), t.Item2));
        }
    }

    [GeneratedRegex("\"recordId\":\"([^\"]+)\"")]
    private static partial Regex RecordIdField();
}
