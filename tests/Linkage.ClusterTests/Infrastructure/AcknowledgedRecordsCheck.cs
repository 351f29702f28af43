using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// What must hold after a crash, before anything is sent again: every acknowledged record is present at its acknowledged
/// version or at a later one that was sent (a body in flight whose answer was lost); an acknowledged retraction is
/// honoured; nothing present is a version never sent; and the people are the rules' partition of what is present on
/// every read path: <c>links</c>, <c>people/{id}</c>, <c>people/by-token</c> and cohort counts (the reference evaluator's).
/// </summary>
public static class AcknowledgedRecordsCheck
{
    /// <summary>Asserts all of it against the host at <paramref name="host"/>; how many acknowledged records it found, and how many present.</summary>
    public static async Task<(int Acknowledged, int Present)> AssertAsync(Uri host, string adminKey, string researcherKey, SentRecords record, string context)
    {
        var sources = record.Sources;
        var sent = record.Sent.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.ToList());
        using var admin = Client(host, adminKey);
        var links = await ReadLinksAsync(admin, sources);
        var present = await ReadVersionsAsync(admin, links, sources, context);

        var missing = new List<string>();
        var unretracted = new List<string>();
        var acknowledged = 0;
        foreach (var versions in record.Acknowledged.GroupBy(e => e.Key))
        {
            var last = versions.MaxBy(e => e.Version)!;
            var laterSent = sent[versions.Key].Where(e => e.Version > last.Version).ToList();
            var held = present.GetValueOrDefault(versions.Key);
            if (!last.Retracted)
            {
                acknowledged++;
                if (held is null && !laterSent.Any(e => e.Retracted)) missing.Add($"{versions.Key} v{last.Version}");
                else if (held is not null && held.Version < last.Version) missing.Add($"{versions.Key} v{last.Version} (v{held.Version} present)");
            }
            else if (held is not null && held.Version < last.Version)
            {
                unretracted.Add($"{versions.Key} v{held.Version} (retracted by v{last.Version})");
            }
        }

        var phantoms = present.Where(p => !sent.TryGetValue(p.Key, out var versions) || !versions.Any(e => e.Version == p.Value.Version && !e.Retracted))
            .Select(p => $"{p.Key} v{p.Value.Version}").ToList();
        Assert.True(
            missing.Count == 0 && unretracted.Count == 0 && phantoms.Count == 0,
            $"{context}{missing.Count} of {acknowledged} acknowledged records missing or older than acknowledged: [{string.Join(", ", missing.Take(10))}]; " +
            $"{unretracted.Count} acknowledged retractions not honoured: [{string.Join(", ", unretracted.Take(10))}]; " +
            $"{phantoms.Count} present versions never sent: [{string.Join(", ", phantoms.Take(10))}] ({present.Count} records present, {record.AnswersLost} answers lost)");

        // The rules' people over exactly what is present, as the senders wrote it.
        var current = present.Select(p => sent[p.Key].First(e => e.Version == p.Value.Version)).ToList();
        ClusterLinks.AssertSame(ClusterLinks.Expected(current), links, context);
        await AssertPeopleByTokenAsync(admin, current, context);
        using var researcher = Client(host, researcherKey);
        foreach (var definition in Linkage.ClusterTests.Cohorts.CohortAnswerTests.Definitions)
        {
            CohortCalls.AssertSame(definition, CohortCalls.Expected(definition, current), await CohortCalls.CountAsync(researcher, definition), context);
        }

        return (acknowledged, present.Count);
    }

    public static HttpClient Client(Uri host, string key)
    {
        var client = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Every current record of <paramref name="sources"/> with its person (<c>GET /api/v1/links</c>), each once.</summary>
    private static async Task<Dictionary<RecordKey, string>> ReadLinksAsync(HttpClient admin, IReadOnlySet<string> sources)
    {
        var links = new Dictionary<RecordKey, string>();
        foreach (var line in (await admin.GetStringAsync("/api/v1/links")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var link = JsonDocument.Parse(line).RootElement;
            var key = new RecordKey(link.GetProperty("source").GetString()!, link.GetProperty("recordId").GetString()!);
            if (!sources.Contains(key.Source)) continue;
            Assert.True(links.TryAdd(key, link.GetProperty("person").GetString()!), $"record {key} is linked twice");
        }

        return links;
    }

    /// <summary>The version of every linked record, read person by person (<c>GET /api/v1/people/{id}</c>), which must hold exactly the linked ones.</summary>
    private static async Task<Dictionary<RecordKey, FeedEvent>> ReadVersionsAsync(HttpClient admin, Dictionary<RecordKey, string> links, IReadOnlySet<string> sources, string context)
    {
        var held = new ConcurrentDictionary<RecordKey, (string Person, FeedEvent Event)>();
        await Parallel.ForEachAsync(links.Values.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (person, cancellationToken) =>
        {
            // A record-anchored id holds a '/', which the route takes as it is.
            using var response = await admin.GetAsync($"/api/v1/people/{string.Join('/', person.Split('/').Select(Uri.EscapeDataString))}", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{context}people/{person} (linked to records) answered {(int)response.StatusCode}: {body}");
            var answer = JsonDocument.Parse(body).RootElement;
            Assert.Equal(person, answer.GetProperty("person").GetString());
            foreach (var raw in answer.GetProperty("records").EnumerateArray())
            {
                var e = FeedLineParser.Parse(raw.GetRawText(), 1).Event!;
                if (!sources.Contains(e.Source)) continue;
                Assert.True(held.TryAdd(e.Key, (person, e)), $"{context}people/{{id}}: record {e.Key} is held by {person} and {held.GetValueOrDefault(e.Key).Person}");
            }
        });

        var disagree = links.Where(l => !held.TryGetValue(l.Key, out var h) || h.Person != l.Value).Select(l => l.Key)
            .Concat(held.Keys.Where(k => !links.ContainsKey(k))).Take(10).ToList();
        Assert.True(disagree.Count == 0, $"{context}links and people/{{id}} disagree on [{string.Join(", ", disagree)}]");
        return held.ToDictionary(h => h.Key, h => h.Value.Event);
    }

    /// <summary>Each person holding a mid (up to 40), read by that token, holds exactly the records and versions the rules give them.</summary>
    private static async Task AssertPeopleByTokenAsync(HttpClient admin, List<FeedEvent> current, string context)
    {
        var versions = current.ToDictionary(e => e.Key, e => e.Version);
        foreach (var person in LinkageRules.Partition(current).People.Where(p => p.Tokens.Any(IsMid)).Take(40))
        {
            var mid = person.Tokens.First(IsMid);
            var answer = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/by-token/{mid}");
            var records = answer.GetProperty("records").EnumerateArray().Select(r => FeedLineParser.Parse(r.GetRawText(), 1).Event!).OrderBy(e => e.Key).ToList();
            Assert.True(
                answer.GetProperty("person").GetString() == person.Id
                && records.Select(r => r.Key).SequenceEqual(person.Records)
                && records.All(r => r.Version == versions[r.Key]),
                $"{context}people/by-token/{mid}: expected {person.Id} with [{string.Join(", ", person.Records.Select(k => $"{k} v{versions[k]}"))}], " +
                $"saw {answer.GetProperty("person")} with [{string.Join(", ", records.Select(r => $"{r.Key} v{r.Version}"))}]");
        }
    }

    private static bool IsMid(string token) => token.StartsWith("mid.", StringComparison.Ordinal);
}
