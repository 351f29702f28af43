using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Population;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// A host with <c>Linkage:Cohorts:Perturbation</c> on answers over HTTP with perturbed counts: marked
/// <c>"perturbed": true</c>, each within 2 of the reference evaluator's exact count, the same every time it is asked
/// and for another definition that selects the same people; its sequence symmetry answers are perturbed likewise.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CohortPerturbationTests(LinkageApiFixture api)
{
    private const string Definition = """{"entry":{"kind":"receipt"},"groupBy":["sex"]}""";

    // The entry receipt lies at day 0 of its own window: the same people as Definition.
    private const string SamePeople = """{"entry":{"kind":"receipt"},"require":[{"kind":"receipt","from":0,"to":0}],"groupBy":["sex"]}""";

    [Fact]
    public async Task A_perturbing_host_answers_within_two_of_the_exact_counts_and_the_same_for_the_same_people()
    {
        await using var host = new LinkageHostFactory(api.Storage.ConnectionString, "perturb", new Dictionary<string, string>
        {
            ["Linkage:Cohorts:Perturbation:Enabled"] = "true",
            ["Linkage:Cohorts:Perturbation:Secret"] = "a perturbation secret for tests",
        });
        using var researcher = host.CreateClient();
        researcher.DefaultRequestHeaders.Authorization = new("Bearer", "dev-researcher-key");
        using var operatorClient = host.CreateClient();
        operatorClient.DefaultRequestHeaders.Authorization = new("Bearer", "dev-operator-key");
        Assert.True(await host.Services.GetRequiredService<EngineGate>().WaitOpenAsync(TimeSpan.FromSeconds(60)), "the perturbing host's engine gate did not open within 60 s");

        var run = "p" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 300, Seed = 8, Secret = run });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        using (var response = await operatorClient.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        var parsed = CohortDefinitionParser.Parse(Definition, CohortDefinition.DefaultMinCell).Definition!;
        var exact = CohortEvaluator.Count(parsed, ClusterLinks.CurrentRecords(events));
        Assert.True(exact.Total >= 100, $"the population should fill the cohort: {exact.Total}");

        var answer = await CohortCalls.CountAsync(researcher, Definition);
        var again = await CohortCalls.CountAsync(researcher, Definition);
        var same = await CohortCalls.CountAsync(researcher, SamePeople);

        Assert.True(answer.GetProperty("perturbed").GetBoolean());
        Assert.InRange(answer.GetProperty("total").GetInt64() - exact.Total, -2, 2);
        foreach (var group in answer.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("count").ValueKind == JsonValueKind.Number))
        {
            var sex = group.GetProperty("key").GetProperty("sex").GetString();
            Assert.InRange(group.GetProperty("count").GetInt64() - exact.Groups.Single(g => g.Key[0] == sex).Count, -2, 2);
        }

        Assert.Equal(Without(answer, "asOf"), Without(again, "asOf"));
        Assert.Equal(Without(answer, "asOf"), Without(same, "asOf"));

        await SequenceSymmetryIsPerturbedLikewiseAsync(host, researcher, exact.Total, answer.GetProperty("total").GetInt64());
    }

    /// <summary>
    /// The same host's sequence symmetry answers: a researcher's counts perturbed (within 2 of the authority's exact
    /// ones), and with no run-in the incident marker (any receipt) is the cohort's people, so it shows the cohort's
    /// perturbed total; the authority's exact incident marker is the reference evaluator's count of those people.
    /// </summary>
    private static async Task SequenceSymmetryIsPerturbedLikewiseAsync(LinkageHostFactory host, HttpClient researcher, long exactCohort, long cohortTotal)
    {
        const string Ssa = """{"index":{"kind":"medication"},"marker":{"kind":"receipt"},"window":3650,"runIn":0}""";
        using var authority = host.CreateClient();
        authority.DefaultRequestHeaders.Authorization = new("Bearer", "dev-authority-key");
        var perturbed = await SsaAsync(researcher, Ssa);
        var exact = await SsaAsync(authority, Ssa);

        Assert.True(perturbed.GetProperty("perturbed").GetBoolean());
        Assert.False(exact.TryGetProperty("perturbed", out _));
        Assert.Equal(exact.GetProperty("attrition").GetArrayLength(), perturbed.GetProperty("attrition").GetArrayLength());
        var steps = perturbed.GetProperty("attrition").EnumerateArray().Zip(exact.GetProperty("attrition").EnumerateArray()).ToList();
        Assert.Equal(exactCohort, steps.Single(s => s.Second.GetProperty("step").GetString() == "incident marker").Second.GetProperty("count").GetInt64());
        Assert.All(steps.Where(s => s.First.GetProperty("count").ValueKind == JsonValueKind.Number),
            s => Assert.InRange(s.First.GetProperty("count").GetInt64() - s.Second.GetProperty("count").GetInt64(), -2, 2));
        Assert.Equal(cohortTotal, steps.Single(s => s.First.GetProperty("step").GetString() == "incident marker").First.GetProperty("count").GetInt64());
    }

    private static async Task<JsonElement> SsaAsync(HttpClient client, string request)
    {
        using var response = await client.PostAsync("/api/v1/safety/ssa", new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ssa answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Without(JsonElement answer, string name) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(answer.GetRawText())!.Where(p => p.Key != name).ToDictionary());
}
