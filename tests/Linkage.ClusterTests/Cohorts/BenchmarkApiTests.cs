using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Benchmarks;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Cohorts;

/// <summary>
/// <c>POST /api/v1/benchmarks</c> on the live index: people attributed to their entry receipt's facility, outcomes
/// recorded elsewhere (a death certificate) counted for it, pseudonyms for researchers and codes for the authority,
/// a bad request refused naming its field, and every request audited.
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class BenchmarkApiTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task Facilities_are_benchmarked_on_outcomes_recorded_anywhere_pseudonymous_to_researchers_and_by_code_to_the_authority()
    {
        var source = NewSource();
        var code = "X" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10); // a diagnosis no other test gives
        var facilities = new[] { "13" + Random.Shared.Next(10_000_000, 99_999_999), "27" + Random.Shared.Next(10_000_000, 99_999_999) };

        // Facility A: 30 people, 12 die within 30 days (certified by another source); facility B: 20 people, 3 die.
        // One stratum (sex F, one age band): r = 15/50, E_A = 9, E_B = 6. B's 3 deaths are withheld, and since both
        // facilities are shown, A's 12 too (their expected counts add up to all 15).
        var events = new List<FeedEvent>();
        for (var i = 0; i < 50; i++)
        {
            var mid = NewMid();
            var facility = i < 30 ? facilities[0] : facilities[1];
            events.Add(Receipt(source, $"r{i}", mid, code, facility));
            if (i < 12 || (i >= 30 && i < 33)) events.Add(Death(source, $"d{i}", mid));
        }

        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync([.. events]);
        var request = """{"indicator":{"entry":{"kind":"receipt","code":""" + JsonSerializer.Serialize(code) + """},"outcome":{"kind":"death","from":0,"to":30}}}""";

        var researcher = await PostAsync(LinkageHttpFront.ResearcherKey, request);
        var authority = await PostAsync(LinkageHttpFront.AuthorityKey, request);

        var byCode = authority.GetProperty("facilities").EnumerateArray().ToDictionary(f => f.GetProperty("facility").GetString()!);
        Assert.Equal(30, byCode[facilities[0]].GetProperty("n").GetInt64());
        Assert.Equal(20, byCode[facilities[1]].GetProperty("n").GetInt64());
        Assert.Equal(9.0, byCode[facilities[0]].GetProperty("expected").GetDouble());
        Assert.Equal(JsonValueKind.Null, byCode[facilities[1]].GetProperty("observed").ValueKind);
        Assert.Equal(JsonValueKind.Null, byCode[facilities[0]].GetProperty("observed").ValueKind);
        Assert.Equal(2, authority.GetProperty("suppressed").GetInt32());
        Assert.Equal(0, authority.GetProperty("unattributed").GetInt64());

        var pseudonyms = new LinkageBenchmarkOptions().Pseudonyms();
        var shown = researcher.GetProperty("facilities").EnumerateArray().Select(f => f.GetProperty("facility").GetString()).ToList();
        Assert.Equal(facilities.Select(pseudonyms.Of).Order(StringComparer.Ordinal), shown);
        Assert.DoesNotContain(facilities[0], researcher.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_request_is_refused_naming_the_field()
    {
        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.ResearcherKey);
        using var response = await client.PostAsync("/api/v1/benchmarks",
            new StringContent("""{"indicator":{"entry":{"kind":"receipt","code":"I21"}},"limits":[1.5]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("indicator.outcome: required", body, StringComparison.Ordinal);
        Assert.Contains("limits[0]: a coverage is strictly between 0 and 1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_benchmark_is_audited_with_its_request()
    {
        var code = "W" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10);
        await PostAsync(LinkageHttpFront.ResearcherKey, """{"indicator":{"entry":{"kind":"receipt","code":""" + JsonSerializer.Serialize(code) + """},"outcome":{"kind":"death"}}}""");

        using var admin = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.AdminKey);
        var audit = await admin.GetStringAsync("/api/v1/audit");
        var line = audit.Split('\n').Single(l => l.Contains(code, StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("benchmark", entry.RootElement.GetProperty("action").GetString());
        Assert.Equal(0, entry.RootElement.GetProperty("count").GetInt64());
    }

    private async Task<JsonElement> PostAsync(string key, string request)
    {
        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(key);
        using var response = await client.PostAsync("/api/v1/benchmarks", new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"benchmark answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static FeedEvent Receipt(string source, string recordId, string mid, string code, string facility) => new()
    {
        Source = source,
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Receipt,
        Date = new DateOnly(2024, 5, 1),
        Subject = new Subject { Mid = mid, Birth = "1960-05", Sex = Sex.F, Pref = "13" },
        Data = new ReceiptData { Setting = "inpatient", Facility = facility, Diagnoses = [new Diagnosis { Code = code, Main = true }] },
    };

    private static FeedEvent Death(string source, string recordId, string mid) => new()
    {
        Source = source + "-deaths",
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Death,
        Date = new DateOnly(2024, 5, 12),
        Subject = new Subject { Mid = mid, Birth = "1960-05", Sex = Sex.F, Pref = "13" },
        Data = new DeathData { Underlying = "I21" },
    };
}
