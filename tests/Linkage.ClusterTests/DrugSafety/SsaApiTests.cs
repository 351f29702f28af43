using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.DrugSafety;

/// <summary><c>POST /api/v1/safety/ssa</c> end to end over ingested records, against ratios computed by hand.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class SsaApiTests(LinkageClusterFixture fixture)
{
    private static readonly DateOnly DrugDay = new(2021, 3, 1);

    /// <summary>
    /// 30 people observed from 2020-01-01 start a drug no one else takes on 2021-03-01; 20 get a diagnosis no one else
    /// has 10 days later, 10 had it 10 days before. nAB 20, nBA 10, csr 2; the null-effect share is 30·20 / (30·30) = 2/3,
    /// so nsr 2 and asr 1. Jeffreys Beta(20.5, 10.5) and the tail of Binomial(30, 2/3) at 20 by mpmath:
    /// asrLow 0.4782, asrHigh 2.1885, p 0.58476.
    /// </summary>
    private async Task<(string Drug, string Diagnosis)> IngestAsync()
    {
        var source = NewSource();
        var drug = "9" + Random.Shared.Next(100_000_000, 999_999_999);
        var diagnosis = "JP:" + Random.Shared.Next(1_000_000, 9_999_999);
        var events = new List<FeedEvent>();
        for (var person = 0; person < 30; person++)
        {
            var mid = NewMid();
            var offset = person < 20 ? 10 : -10;
            events.Add(Record(source, $"start{person}", mid, new DateOnly(2020, 1, 1), new LabData { Code = "3D046000001920402", Value = 6.0 }));
            events.Add(Record(source, $"drug{person}", mid, DrugDay, new MedicationData { Code = drug }));
            events.Add(Record(source, $"dx{person}", mid, DrugDay.AddDays(offset),
                new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = diagnosis }] }));
        }

        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync([.. events]);
        return (drug, diagnosis);
    }

    private async Task<JsonObject> AskAsync(string key, string request)
    {
        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(key);
        using var response = await client.PostAsync("/api/v1/safety/ssa", new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ssa answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task A_pair_is_answered_with_the_hand_computed_ratios_for_a_researcher_and_exactly_for_the_authority()
    {
        var (drug, diagnosis) = await IngestAsync();
        var request = $$"""{"index":{"kind":"medication","code":"{{drug}}"},"marker":{"kind":"receipt","code":"{{diagnosis}}"},"window":30,"runIn":365}""";

        foreach (var (key, exact) in new[] { (LinkageHttpFront.ResearcherKey, false), (LinkageHttpFront.AuthorityKey, true) })
        {
            var answer = await AskAsync(key, request);

            var expected = JsonNode.Parse("""
                {"nAB":20,"nBA":10,"csr":2,"nsr":2,"asr":1,"asrLow":0.4782,"asrHigh":2.1885,"p":0.58476,"signal":false}
                """)!.AsObject();
            foreach (var (name, value) in expected) Assert.True(JsonNode.DeepEquals(value, answer[name]), $"{name}: expected {value}, answered {answer[name]}");
            var steps = answer["attrition"]!.AsArray().Skip(1).Select(s => (string?)s!["step"] + "=" + s["count"]);
            Assert.Equal(["incident index=30", "incident marker=30", "both=30", "within window=30", "without ties=30"], steps);
            Assert.Equal(exact ? 1 : 10, (int)answer["minCell"]!);
            Assert.Equal(exact, answer["exact"] is not null);
        }
    }

    [Fact]
    public async Task A_screening_ranks_the_ingested_code_and_a_bad_field_is_named()
    {
        var (drug, diagnosis) = await IngestAsync();
        var answer = await AskAsync(LinkageHttpFront.ResearcherKey,
            $$"""{"index":{"kind":"medication","code":"{{drug}}"},"marker":{"kind":"receipt","codeLength":{{diagnosis.Length}}},"window":30}""");

        var row = Assert.Single(answer["rows"]!.AsArray(), r => (string?)r!["code"] == diagnosis)!;
        Assert.Equal((20, 10), ((int)row["nAB"]!, (int)row["nBA"]!));

        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.ResearcherKey);
        using var bad = await client.PostAsync("/api/v1/safety/ssa", new StringContent("""{"index":{"kind":"medication"},"marker":{"kind":"death"},"window":0}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("window: must be from 1 to 3650 days, not 0", await bad.Content.ReadAsStringAsync());
    }
}
