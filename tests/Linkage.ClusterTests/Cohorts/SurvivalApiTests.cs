using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Cohorts;

/// <summary><c>POST /api/v1/cohorts/count</c> with <c>survival</c>, end to end, against a life table computed by hand.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class SurvivalApiTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task A_survival_definition_is_answered_with_the_hand_computed_life_table()
    {
        // 40 people enter on a lab test no other test gives, on 2021-01-01. 10 die on day 10, 10 are last seen on day 20,
        // 10 die on day 45 and 10 are last seen on day 50.
        var source = NewSource();
        var code = "9Z" + Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999);
        var events = new List<FeedEvent>();
        var person = 0;
        void People(int count, int day, bool dies)
        {
            for (var i = 0; i < count; i++, person++)
            {
                var mid = NewMid();
                events.Add(Record(source, $"entry{person}", mid, new DateOnly(2021, 1, 1), new LabData { Code = code, Value = 1.0 }));
                events.Add(dies
                    ? Record(source, $"death{person}", mid, new DateOnly(2021, 1, 1).AddDays(day), new DeathData { Underlying = "I21.9" })
                    : Record(source, $"seen{person}", mid, new DateOnly(2021, 1, 1).AddDays(day), new LabData { Code = "3D046000001920402", Value = 6.0 }));
            }
        }

        People(10, day: 10, dies: true);
        People(10, day: 20, dies: false);
        People(10, day: 45, dies: true);
        People(10, day: 50, dies: false);
        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync([.. events]);

        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.ResearcherKey);
        var definition = $$$"""{"entry":{"kind":"lab","code":"{{{code}}}"},"outcome":{"kind":"death"},"survival":{"step":30}}""";
        using var response = await client.PostAsync("/api/v1/cohorts/count", new StringContent(definition, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"count answered {(int)response.StatusCode}: {body}");

        // Days 0-29: 40 at risk, 10 events, 10 censored: 1 - 10 / (40 - 10/2) = 0.714285...
        // Days 30-59: 20 at risk, 10 events, 10 censored: 0.714285... * (1 - 10 / (20 - 10/2)) = 0.238095...
        // Days 60-89: nobody at risk, below minCell: the table ends, with no one still followed.
        var expected = JsonNode.Parse("""
            {"minCell":10,"total":40,"groups":[{"key":{},"count":40}],"suppressed":0,
             "survival":[{"key":{},"intervals":[
               {"from":0,"to":29,"atRisk":40,"events":10,"censored":10,"survival":0.7143},
               {"from":30,"to":59,"atRisk":20,"events":10,"censored":10,"survival":0.2381}]}]}
            """)!;
        var actual = JsonNode.Parse(body)!.AsObject();
        actual.Remove("asOf");
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    [Fact]
    public async Task Survival_without_an_outcome_or_with_an_outcome_not_from_day_0_is_refused_naming_the_field()
    {
        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.ResearcherKey);
        foreach (var (definition, field) in new[]
                 {
                     ("""{"entry":{"kind":"lab"},"survival":{"step":30}}""", "survival"),
                     ("""{"entry":{"kind":"lab"},"outcome":{"kind":"death","from":1},"survival":{"step":30}}""", "outcome.from"),
                 })
        {
            using var response = await client.PostAsync("/api/v1/cohorts/count", new StringContent(definition, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{definition}: expected 400, saw {(int)response.StatusCode}: {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.True(errors.Any(e => e.StartsWith(field + ": ", StringComparison.Ordinal)), $"{definition}: expected a problem naming {field}, saw {string.Join(" | ", errors)}");
        }
    }
}
