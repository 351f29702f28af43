using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>Cohort queries as tests make them: a definition posted, an answer compared with the reference evaluator's.</summary>
public static class CohortCalls
{
    /// <summary>Posts <paramref name="definition"/> with a researcher's client; the answer (asserting 200).</summary>
    public static async Task<JsonElement> CountAsync(HttpClient researcher, string definition)
    {
        using var response = await researcher.PostAsync("/api/v1/cohorts/count", new StringContent(definition, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"count of {definition} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts <paramref name="definition"/> to the cluster's first silo.</summary>
    public static async Task<JsonElement> CountAsync(this LinkageHttpFront front, string definition)
    {
        using var client = front.Client(LinkageHttpFront.ResearcherKey);
        return await CountAsync(client, definition);
    }

    /// <summary>What the reference evaluator answers for <paramref name="definition"/> over <paramref name="current"/> records.</summary>
    public static CohortAnswer Expected(string definition, IReadOnlyCollection<FeedEvent> current)
    {
        var parsed = CohortDefinitionParser.Parse(definition, CohortDefinition.DefaultMinCell).Definition!;
        return CohortAnswers.Publish(parsed, CohortEvaluator.Count(parsed, current), DateTimeOffset.UnixEpoch, CohortDefinition.DefaultMinCell);
    }

    /// <summary>The reference evaluator's exact tally (nothing suppressed) for <paramref name="definition"/> over <paramref name="current"/> records, in canonical form.</summary>
    public static CohortTally ExpectedTally(string definition, IReadOnlyCollection<FeedEvent> current) =>
        CohortTallies.Sum([CohortEvaluator.Count(Parsed(definition), current)]);

    /// <summary>The exact tally the index partitions hold for <paramref name="definition"/>, summed as the queries sum them, before publication suppresses anything.</summary>
    public static async Task<CohortTally> IndexTallyAsync(IGrainFactory grains, int partitions, string definition)
    {
        var parsed = Parsed(definition);
        return CohortTallies.Sum(await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => grains.GetGrain<IPeopleIndexGrain>(p).Count(parsed))));
    }

    /// <summary>Asserts equal exact tallies of a cohort that holds someone, naming the definition and both tallies.</summary>
    public static void AssertSameTally(string definition, CohortTally expected, CohortTally actual)
    {
        Assert.True(expected.Total > 0, $"{definition}\nselects no one in the reference evaluator: a test of an empty cohort proves nothing");
        Assert.True(expected.Equals(actual), $"{definition}\nexpected tally {Describe(expected)}\nindex tally    {Describe(actual)}");
    }

    /// <summary>
    /// Asserts that the disclosure auditor finds no count from 1 to minCell - 1 a reader could work out from the
    /// published <paramref name="answer"/>, whose exact tally is <paramref name="exact"/>.
    /// </summary>
    public static void AssertNothingDerivable(string definition, CohortTally exact, JsonElement answer)
    {
        var found = CohortAnswerAudit.SmallCounts(Parsed(definition), exact, CohortAnswerJson.Read(answer.GetRawText()));
        Assert.True(found.Count == 0, $"{definition}\nlets a reader work out {string.Join("; ", found.Select(f => $"{f.People} = {f.Count}"))}");
    }

    private static string Describe(CohortTally tally) =>
        $"total {tally.Total}; groups {string.Join(", ", tally.Groups.Select(g => $"[{string.Join("/", g.Key)}]={g.Count}"))}; " +
        $"survival {string.Join(", ", tally.Survival.Select(s => $"[{string.Join("/", s.Key)}] events {string.Join(" ", s.Events)} censored {string.Join(" ", s.Censored)}"))}";

    private static CohortDefinition Parsed(string definition) => CohortDefinitionParser.Parse(definition, CohortDefinition.DefaultMinCell).Definition!;

    /// <summary>Asserts equal answers, <c>asOf</c> aside, naming the definition and both answers.</summary>
    public static void AssertSame(string definition, CohortAnswer expected, JsonElement actual, string context = "")
    {
        var want = WithoutAsOf(JsonDocument.Parse(CohortAnswerJson.ToJson(expected with { AsOf = default })).RootElement);
        var got = WithoutAsOf(actual);
        Assert.True(got == want, $"{context}{definition}\nexpected {want}\nactual   {got}");
    }

    private static string WithoutAsOf(JsonElement answer) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(answer.GetRawText())!.Where(p => p.Key != "asOf").ToDictionary());
}
