using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using Linkage.Testing;

namespace Linkage.Bench;

/// <summary>
/// Kills the real host again and again at the engine's crash points (<c>Linkage:Testing:CrashAt</c>, in turn) while four
/// senders have bodies in flight, starts it again on the same storage, and before anything is sent again counts the
/// acknowledged records missing (absent, or older than acknowledged), the records in another person than the rules
/// say, and the cohort answers that differ from the reference evaluator. Each kill has a storage prefix of its own.
/// </summary>
public static class CrashSoak
{
    private static readonly string[] Points = ["after-log-append:25", "after-components-flushed:60", "after-segments-deleted:2", "mid-merge:3"];

    private static readonly string[] Definitions =
    [
        """{"entry":{"kind":"receipt","code":"E11"}}""",
        """{"entry":{"kind":"death"},"groupBy":["sex","age10"]}""",
        """{"entry":{"kind":"receipt"},"pref":["13","27","01"],"groupBy":["pref","entryYear"],"minCell":20}""",
    ];

    public static async Task<int> RunAsync(int kills, string storage, TextWriter output)
    {
        var repository = LocalMachine.Repository();
        output.WriteLine($"crash-soak: {kills} kills of the host at {string.Join(", ", Points)} in turn, 4 senders of 30-line bodies");
        var (missingInAll, wrongInAll, cohortsInAll, acknowledgedInAll) = (0, 0, 0, 0);
        for (var kill = 1; kill <= kills; kill++)
        {
            var point = Points[(kill - 1) % Points.Length];
            var round = await RoundAsync(repository, storage, point);
            (missingInAll, wrongInAll, cohortsInAll, acknowledgedInAll) =
                (missingInAll + round.Missing, wrongInAll + round.WrongPerson, cohortsInAll + round.CohortsDiffering, acknowledgedInAll + round.Acknowledged);
            output.WriteLine(
                $"kill {kill,2}/{kills} at {point,-28} acknowledged {round.Acknowledged,5} records, {round.AnswersLost} answers lost in flight; " +
                $"before any resend: {round.Present,5} present, missing {round.Missing}, in the wrong person {round.WrongPerson}, cohort answers differing {round.CohortsDiffering}/{Definitions.Length}; " +
                $"restart {round.Restart.TotalSeconds:0.0} s");
        }

        output.WriteLine($"crash-soak: {kills} kills, {acknowledgedInAll} acknowledged records, {missingInAll} missing before any resend, {wrongInAll} in the wrong person, {cohortsInAll} cohort answers differing");
        return missingInAll + wrongInAll + cohortsInAll == 0 ? 0 : 1;
    }

    private sealed record Round(int Acknowledged, int AnswersLost, int Present, int Missing, int WrongPerson, int CohortsDiffering, TimeSpan Restart);

    private static async Task<Round> RoundAsync(string repository, string storage, string point)
    {
        var prefix = "s" + Guid.NewGuid().ToString("N")[..12];
        var settings = SoakHost.ClusterOfItsOwn(storage, prefix);
        settings["Linkage:Streams:Transport"] = "Memory";
        settings["Linkage:Engine:CheckpointInterval"] = "00:00:01";
        settings["Linkage:Engine:KeyPartitions"] = "16";
        settings["Linkage:Engine:IndexPartitions"] = "16";
        settings["Linkage:Testing:CrashAt"] = point;
        // The check reads every linked person, one request each: more than a key's default window allows.
        settings["Linkage:Api:RateLimit:PermitLimit"] = "1000000";
        var port = LocalMachine.FreePort();
        // More people than any point needs before it is reached: a feed that runs out first leaves no body in flight at
        // the kill (a round that proves only the restart), or never reaches the point at all (600 people once gave fewer
        // than three merges that move records).
        var bodies = new ConcurrentQueue<string[]>(Population(prefix, 3000).Chunk(30));
        var sent = new ConcurrentBag<FeedEvent>();
        var acknowledged = new ConcurrentBag<FeedEvent>();
        var lost = 0;

        await using (var armed = await SoakHost.StartAsync(repository, port, settings))
        {
            var reached = armed.WaitForAllAsync([CrashHook.Marker(point)], TimeSpan.FromMinutes(2));
            var senders = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var client = Client(armed.BaseAddress, "dev-operator-key");
                while (bodies.TryDequeue(out var body))
                {
                    var events = body.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
                    events.ForEach(sent.Add);
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', body), Encoding.UTF8, "application/x-ndjson"));
                        if (response.StatusCode == HttpStatusCode.OK) events.ForEach(acknowledged.Add);
                        else if (response.StatusCode != HttpStatusCode.ServiceUnavailable) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}");
                    }
                    catch (HttpRequestException e)
                    {
                        if (e.HttpRequestError != HttpRequestError.ConnectionError) Interlocked.Increment(ref lost);
                        return;
                    }
                }
            })));
            await Task.WhenAny(reached, senders);
            // Senders also end when the kill closes their connections, with bodies left: only an empty queue ran out.
            if (senders.IsCompleted && bodies.IsEmpty && !reached.IsCompleted)
            {
                throw new InvalidOperationException($"{point}: every body was sent and answered before the point was reached: nothing would be in flight at the kill");
            }

            await reached;
            var exit = await armed.ExitAsync(TimeSpan.FromSeconds(30));
            await senders;
            if (exit != 137) throw new InvalidOperationException($"{point}: the host exited with {exit}, not by SIGKILL");
        }

        settings.Remove("Linkage:Testing:CrashAt");
        var clock = Stopwatch.StartNew();
        await using var again = await SoakHost.StartAsync(repository, port, settings);
        var restart = clock.Elapsed;
        var (present, missing, wrong, cohorts) = await CheckAsync(again.BaseAddress, [.. sent], [.. acknowledged]);
        return new Round(acknowledged.Select(e => e.Key).Distinct().Count(), lost, present, missing, wrong, cohorts, restart);
    }

    /// <summary>Present records, acknowledged ones missing or older than acknowledged, records in another person than the rules say, cohort answers differing.</summary>
    private static async Task<(int Present, int Missing, int WrongPerson, int CohortsDiffering)> CheckAsync(Uri host, List<FeedEvent> sent, List<FeedEvent> acknowledged)
    {
        var sources = sent.Select(e => e.Source).ToHashSet();
        var versions = sent.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.ToList());
        using var admin = Client(host, "dev-admin-key");
        var links = new Dictionary<RecordKey, string>();
        foreach (var line in (await admin.GetStringAsync("/api/v1/links")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var link = JsonDocument.Parse(line).RootElement;
            var key = new RecordKey(link.GetProperty("source").GetString()!, link.GetProperty("recordId").GetString()!);
            if (sources.Contains(key.Source)) links[key] = link.GetProperty("person").GetString()!;
        }

        var held = new ConcurrentDictionary<RecordKey, FeedEvent>();
        await Parallel.ForEachAsync(links.Values.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, cancellationToken) =>
        {
            var answer = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/people/{string.Join('/', person.Split('/').Select(Uri.EscapeDataString))}", cancellationToken)).RootElement;
            foreach (var raw in answer.GetProperty("records").EnumerateArray())
            {
                if (FeedLineParser.Parse(raw.GetRawText(), 1).Event is { } e && sources.Contains(e.Source)) held[e.Key] = e;
            }
        });

        var missing = 0;
        foreach (var group in acknowledged.GroupBy(e => e.Key))
        {
            var last = group.MaxBy(e => e.Version)!;
            if (last.Retracted) continue;
            var retractedLater = versions[group.Key].Any(e => e.Version > last.Version && e.Retracted);
            if (held.TryGetValue(group.Key, out var e) ? e.Version < last.Version : !retractedLater) missing++;
        }

        var current = held.Values.Select(h => versions.TryGetValue(h.Key, out var v) ? v.FirstOrDefault(e => e.Version == h.Version) ?? h : h).ToList();
        var partition = LinkageRules.Partition(current);
        var wrong = current.Count(e => !links.TryGetValue(e.Key, out var person) || partition.PersonOf(e.Key)?.Id != person);

        using var researcher = Client(host, "dev-researcher-key");
        var differing = 0;
        foreach (var definition in Definitions)
        {
            var parsed = CohortDefinitionParser.Parse(definition, CohortDefinition.DefaultMinCell).Definition!;
            var expected = Comparable(JsonDocument.Parse(CohortAnswerJson.ToJson(CohortAnswers.Publish(parsed, CohortEvaluator.Count(parsed, current), DateTimeOffset.UnixEpoch, CohortDefinition.DefaultMinCell))).RootElement);
            using var response = await researcher.PostAsync("/api/v1/cohorts/count", new StringContent(definition, Encoding.UTF8, "application/json"));
            if (Comparable(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement) != expected) differing++;
        }

        return (links.Count, missing, wrong, differing);
    }

    private static string Comparable(JsonElement answer) =>
        JsonSerializer.Serialize(answer.EnumerateObject().Where(p => p.Name != "asOf").ToDictionary(p => p.Name, p => p.Value));

    private static List<string> Population(string tag, int people) =>
        PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = 7, Secret = tag, ActivityScale = 0.6 }).Lines
            .Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{tag}-", StringComparison.Ordinal)).ToList();

    private static HttpClient Client(Uri host, string key)
    {
        var client = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
