using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>api-v1's error answers: problem+json with a reason a person can act on.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiErrorTests(LinkageApiFixture api)
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task A_call_without_a_valid_key_is_401(string? key)
    {
        using var response = await api.Client(key).PostAsync("/api/v1/ingest", Ndjson("{}"));

        await AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("dev-researcher-key", "POST", "/api/v1/ingest")]
    [InlineData("dev-admin-key", "POST", "/api/v1/ingest")]
    [InlineData("dev-operator-key", "GET", "/api/v1/people/by-token/mid.MZRYFSAvtkSoMYHjMvb1IQ")]
    [InlineData("dev-operator-key", "GET", "/api/v1/links")]
    public async Task A_key_without_the_role_is_403(string key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Ndjson("{}") : null };
        using var response = await api.Client(key).SendAsync(request);

        await AssertProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_stores_nothing()
    {
        var source = NewSource();
        var mid = NewMid();
        var line = FeedEventJson.ToJson(Lab(source, "r1", 1, mid));
        var body = new StringBuilder(line).Append('\n');
        while (body.Length <= LinkageApiFixture.MaxIngestBytes) body.Append(' ', 1024).Append('\n');

        using var response = await api.Client("dev-operator-key").PostAsync("/api/v1/ingest", Ndjson(body.ToString()));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        using var lookup = await api.Client("dev-admin-key").GetAsync($"/api/v1/people/by-token/{mid}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_ndjson_is_415()
    {
        using var content = new StringContent("<xml/>", Encoding.UTF8, "application/xml");
        using var response = await api.Client("dev-operator-key").PostAsync("/api/v1/ingest", content);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_key()
    {
        using var client = api.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_served_under_dashboard()
    {
        using var response = await api.Client(null).GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", response.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), "a problem names a reason");
    }
}
