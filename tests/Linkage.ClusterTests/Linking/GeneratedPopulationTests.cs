using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Population;

namespace Linkage.ClusterTests.Linking;

/// <summary>
/// Property tests: a generated population, its lines shuffled and cut into random batches, fed
/// concurrently through the HTTP API and the feed stream, gives exactly the people the reference
/// rules compute, with every current record in exactly one person.
/// </summary>
public abstract class GeneratedPopulationTests(LinkageClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(7)]
    [InlineData(20261124)]
    public async Task Any_order_and_batching_over_both_paths_gives_the_rules_partition(int seed)
    {
        var run = "g" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions
        {
            People = 120,
            Seed = seed,
            Secret = run, // tokens of this run meet no other test's
            NamesakeRate = 0.08, // many id2 collisions, so that ambiguity and splits happen
            ActivityScale = 0.4,
        });

        // Sources of this run meet no other test's records either.
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var parsed = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1)).ToList();
        var events = parsed.Where(p => p.Event is not null).Select(p => p.Event!).ToList();
        var sources = events.Select(e => e.Source).ToHashSet();
        Assert.True(events.Count > 500, $"population too small to mean much: {events.Count} valid lines");
        Assert.Contains(parsed, p => p.Rejection is not null);

        var random = new Random(seed);
        var shuffled = lines.OrderBy(_ => random.Next()).ToList();
        var half = shuffled.Count / 2;
        var httpBatches = RandomBatches(shuffled[..half], random, 1, 120);
        var streamLines = shuffled[half..];

        var streamFeed = $"{run}-stream";
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = random.Next(5, 60), StreamsPerSource = 4 });
        var streaming = publisher.PublishAsync(streamFeed, "population.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', streamLines))));
        // Every silo's API takes a share, so that several logs and silos route at once.
        var posting = Task.WhenAll(httpBatches.Chunk(4).Select(async (group, g) =>
        {
            var answers = new List<JsonElement>();
            foreach (var batch in group) answers.Add(await Post(LinkageHttpFront.Of(fixture.Cluster, g), batch));
            return answers;
        }));
        var published = await streaming;
        var httpAnswers = (await posting).SelectMany(a => a).ToList();

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(streamFeed);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"ledger {streamFeed}: expected {published.Batches} batches, saw {ledger.GetLedger().Result.Batches}");
        var streamed = await ledger.GetLedger();

        var taken = httpAnswers.Sum(a => a.GetProperty("accepted").GetInt32() + a.GetProperty("duplicates").GetInt32()) + streamed.Accepted + streamed.Duplicates;
        var rejected = httpAnswers.Sum(a => a.GetProperty("rejected").GetArrayLength()) + streamed.Rejected.Length;
        Assert.Equal(events.Count, taken);
        Assert.Equal(parsed.Count - events.Count, rejected);

        var expected = ClusterLinks.Expected(events);
        Assert.True(Linkage.Linking.LinkageRules.Partition(ClusterLinks.CurrentRecords(events)).AmbiguousId2.Count > 0, "the population should hold an ambiguous id2");
        ClusterLinks.AssertSame(expected, await ClusterLinks.ReadAsync(LinkageHttpFront.Of(fixture.Cluster), sources));
    }

    private static List<List<string>> RandomBatches(List<string> lines, Random random, int min, int max)
    {
        var batches = new List<List<string>>();
        for (var i = 0; i < lines.Count;)
        {
            var size = Math.Min(random.Next(min, max + 1), lines.Count - i);
            batches.Add(lines.GetRange(i, size));
            i += size;
        }

        return batches;
    }

    private static async Task<JsonElement> Post(LinkageHttpFront front, List<string> batch)
    {
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var content = new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync("/api/v1/ingest", content);
        Assert.True(response.IsSuccessStatusCode, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>Generated populations on one silo.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class GeneratedPopulationOnOneSilo(LinkageClusterFixture fixture) : GeneratedPopulationTests(fixture);

/// <summary>Generated populations on three silos.</summary>
[Collection(ThreeSiloCollection.Name)]
public sealed class GeneratedPopulationOnThreeSilos(ThreeSiloClusterFixture fixture) : GeneratedPopulationTests(fixture);
