using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>POST /api/v1/ingest and reading back, as api-v1 says.</summary>
[Collection(ApiCollection.Name)]
public sealed class IngestApiTests(LinkageApiFixture api)
{
    private const string Operator = "dev-operator-key";
    private const string Admin = "dev-admin-key";

    [Fact]
    public async Task Ingest_counts_accepted_duplicates_and_names_each_rejected_line()
    {
        var source = NewSource();
        var mid = NewMid();
        var good = FeedEventJson.ToJson(Lab(source, "r1", 1, mid));
        var body = string.Join('\n',
            good,
            good,
            "{not json",
            FeedEventJson.ToJson(Lab(source, "r2", 1, mid)).Replace("2024-04-15", "2023-02-29"),
            FeedEventJson.ToJson(Lab(source, "r3", 1, mid)).Replace("\"kind\":\"lab\"", "\"kind\":\"xray\""),
            FeedEventJson.ToJson(Lab(source, "r4", 1, mid)).Replace($"\"mid\":\"{mid}\",", string.Empty),
            FeedEventJson.ToJson(Lab(source, "r5", 1, mid)));

        var answer = await Ingest(body);

        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("duplicates").GetInt32());
        var rejected = answer.GetProperty("rejected").EnumerateArray()
            .Select(r => (Line: r.GetProperty("line").GetInt32(), Reason: r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([3, 4, 5, 6], rejected.Select(r => r.Line));
        Assert.Contains("JSON", rejected[0].Reason);
        Assert.StartsWith("date", rejected[1].Reason);
        Assert.StartsWith("kind", rejected[2].Reason);
        Assert.StartsWith("subject", rejected[3].Reason);
    }

    [Fact]
    public async Task Accepted_records_are_read_back_by_token()
    {
        var source = NewSource();
        var mid = NewMid();
        await Ingest(FeedEventJson.ToJson(Lab(source, "r1", 1, mid)) + "\r\n" + FeedEventJson.ToJson(Lab(source, "r2", 1, mid, value: 6.5)) + "\r\n");

        using var response = await api.Client(Admin).GetAsync($"/api/v1/people/by-token/{mid}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("p.", person.GetProperty("person").GetString());
        Assert.Contains(mid, person.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        var records = person.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["r1", "r2"], records.Select(r => r.GetProperty("recordId").GetString()).Order());
        Assert.Equal(6.5, records.Single(r => r.GetProperty("recordId").GetString() == "r2").GetProperty("data").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Unknown_token_is_404_and_malformed_token_is_400()
    {
        using var client = api.Client(Admin);
        using var unknown = await client.GetAsync($"/api/v1/people/by-token/{NewMid()}");
        using var malformed = await client.GetAsync("/api/v1/people/by-token/not-a-token");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Links_list_each_current_record_with_its_person()
    {
        var source = NewSource();
        var mid = NewMid();
        await Ingest(FeedEventJson.ToJson(Lab(source, "a", 1, mid)) + "\n" + FeedEventJson.ToJson(Lab(source, "b", 1, mid)));

        var text = await api.Client(Admin).GetStringAsync("/api/v1/links");

        var links = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("source").GetString() == source).ToList();
        Assert.Equal(["a", "b"], links.Select(l => l.GetProperty("recordId").GetString()).Order());
        Assert.Single(links.Select(l => l.GetProperty("person").GetString()).Distinct());
    }

    [Fact]
    public async Task A_merged_persons_old_id_redirects_to_the_survivor_whose_history_names_the_cause()
    {
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        await Ingest(FeedEventJson.ToJson(Lab(source, "m", 1, mid)) + "\n" + FeedEventJson.ToJson(Lab(source, "n", 1, id2: name)));
        using var client = api.Client(Admin);
        var before = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/people/by-token/{mid}")).GetProperty("person").GetString()!;

        await Ingest(FeedEventJson.ToJson(Lab(source, "bridge", 1, mid, name)));

        using var redirect = await client.GetAsync($"/api/v1/people/{before}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        var survivor = await client.GetFromJsonAsync<JsonElement>(redirect.Headers.Location!.ToString());
        Assert.Equal($"p.{name}", survivor.GetProperty("person").GetString());
        Assert.Equal(3, survivor.GetProperty("records").GetArrayLength());
        var merge = survivor.GetProperty("history").EnumerateArray().Single();
        Assert.Equal("merge", merge.GetProperty("kind").GetString());
        Assert.Contains(before, merge.GetProperty("before").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("bridge", merge.GetProperty("cause")[0].GetProperty("recordId").GetString());
    }

    private async Task<JsonElement> Ingest(string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await api.Client(Operator).PostAsync("/api/v1/ingest", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
