using System.Text.Json;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Reads the cluster's current partition (record to person) through <c>GET /api/v1/links</c>, and what the rules say it should be.</summary>
public static class ClusterLinks
{
    /// <summary>Every current record of <paramref name="sources"/> with its person, as the API lists them.</summary>
    public static async Task<Dictionary<RecordKey, string>> ReadAsync(LinkageHttpFront front, IReadOnlySet<string> sources)
    {
        using var client = front.Client(LinkageHttpFront.AdminKey);
        using var response = await client.GetAsync("/api/v1/links");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"links answered {(int)response.StatusCode}: {body}");

        var links = new Dictionary<RecordKey, string>();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var link = JsonDocument.Parse(line).RootElement;
            var key = new RecordKey(link.GetProperty("source").GetString()!, link.GetProperty("recordId").GetString()!);
            if (!sources.Contains(key.Source)) continue;
            var person = link.GetProperty("person").GetString()!;
            Assert.False(links.ContainsKey(key), $"record {key} is linked twice: to {links.GetValueOrDefault(key)} and {person}");
            links[key] = person;
        }

        return links;
    }

    /// <summary>What the reference rules say: the current records' partition, record to person.</summary>
    public static Dictionary<RecordKey, string> Expected(IEnumerable<FeedEvent> allVersions)
    {
        var current = CurrentRecords(allVersions);
        var partition = LinkageRules.Partition(current);
        return current.ToDictionary(e => e.Key, e => partition.PersonOf(e.Key)!.Id);
    }

    /// <summary>The latest version of each record, retracted ones left out.</summary>
    public static List<FeedEvent> CurrentRecords(IEnumerable<FeedEvent> allVersions) =>
        allVersions.GroupBy(e => e.Key).Select(g => g.MaxBy(e => e.Version)!).Where(e => !e.Retracted).ToList();

    /// <summary>Asserts equality and names the first records that differ.</summary>
    public static void AssertSame(Dictionary<RecordKey, string> expected, Dictionary<RecordKey, string> actual, string context = "")
    {
        var missing = expected.Keys.Except(actual.Keys).Take(5).ToList();
        var extra = actual.Keys.Except(expected.Keys).Take(5).ToList();
        var wrong = expected.Where(e => actual.TryGetValue(e.Key, out var p) && p != e.Value).Take(5)
            .Select(e => $"{e.Key}: expected {e.Value}, actual {actual[e.Key]}").ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && wrong.Count == 0,
            $"{context}partition differs from the rules ({expected.Count} expected records, {actual.Count} actual). " +
            $"missing: [{string.Join(", ", missing)}] extra: [{string.Join(", ", extra)}] wrong: [{string.Join("; ", wrong)}]");
    }
}
