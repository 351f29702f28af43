using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// Every endpoint against every caller (no key, an unknown key, each role): only api-v1's role gets in, every refusal
/// is problem+json; and a key past its rate limit is answered 429 with <c>Retry-After</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccessMatrixTests(LinkageApiFixture api)
{
    /// <summary>The callers of the matrix: a name and the bearer key it sends (none for "no key").</summary>
    private static readonly (string Name, string? Key)[] Callers =
    [
        ("no key", null),
        ("unknown key", "not-a-known-key"),
        ("operator", "dev-operator-key"),
        ("researcher", "dev-researcher-key"),
        ("admin", "dev-admin-key"),
    ];

    /// <summary>api-v1's endpoints (the contract's table, and the pages the host serves) with the role each needs; null: open to all.</summary>
    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "POST", "/api/v1/ingest", "operator" },
        { "GET", "/api/v1/feeds/matrix-source", "operator" },
        { "POST", "/api/v1/cohorts/count", "researcher" },
        { "GET", "/api/v1/people/by-token/mid.MZRYFSAvtkSoMYHjMvb1IQ", "admin" },
        { "GET", "/api/v1/people/p.mid.MZRYFSAvtkSoMYHjMvb1IQ", "admin" },
        { "GET", "/api/v1/links", "admin" },
        { "GET", "/api/v1/audit", "admin" },
        { "POST", "/api/v1/optout", "admin" },
        { "GET", "/health/live", null },
        { "GET", "/health/ready", null },
        { "GET", "/metrics", null },
        { "GET", "/openapi/v1.json", null },
        { "GET", "/dashboard/", null },
        { "GET", "/operations/", null },
        { "GET", "/workbench/", null },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Only_the_contracts_role_gets_in_and_every_refusal_is_problem_json(string method, string path, string? role)
    {
        var cells = new List<string>();
        foreach (var (caller, key) in Callers)
        {
            using var response = await api.Client(key).SendAsync(Request(method, path));
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var expected = role is null || caller == role ? "in" : key is null || caller == "unknown key" ? "401" : "403";
            var seen = status is 401 or 403 ? status.ToString() : status == 404 && IsRoutingMiss(body) ? "no such endpoint" : "in";
            if (seen != expected) cells.Add($"{caller}: expected {expected}, answered {status} {Brief(body)}");
            else if (seen is "401" or "403" && !IsProblem(response, body, status)) cells.Add($"{caller}: refused {status} but not as problem+json: {Brief(body)}");
        }

        Assert.True(cells.Count == 0, $"{method} {path} (role {role ?? "none"}): {string.Join("; ", cells)}");
    }

    [Fact]
    public async Task A_key_past_its_rate_limit_is_answered_429_with_retry_after_and_other_keys_go_on()
    {
        // The window is a minute: at most two windows begin while these requests go out, so one of them is refused.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 2 * LinkageApiFixture.LimitedKeyPermits + 1 && refused is null; i++)
        {
            var response = await api.Client(LinkageApiFixture.LimitedKey).SendAsync(Request("POST", "/api/v1/ingest"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else response.Dispose();
        }

        Assert.True(refused is not null, $"expected a 429 within {2 * LinkageApiFixture.LimitedKeyPermits + 1} requests, saw {string.Join(", ", statuses)}");
        using (refused)
        {
            Assert.True(IsProblem(refused, await refused.Content.ReadAsStringAsync(), 429), "429 is problem+json");
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After: expected 1..60 s, saw {refused.Headers.RetryAfter}");
        }

        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.OK, s));
        using var other = await api.Client("dev-operator-key").SendAsync(Request("POST", "/api/v1/ingest"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>A request each endpoint can take: bodies that its role would have answered, not refused.</summary>
    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = (method, path) switch
        {
            ("POST", "/api/v1/ingest") => new StringContent(FeedEventJson.ToJson(Lab(NewSource(), "matrix", 1, NewMid())), Encoding.UTF8, "application/x-ndjson"),
            ("POST", "/api/v1/optout") => new StringContent("""{"token":"mid.MZRYFSAvtkSoMYHjMvb1IQ"}""", Encoding.UTF8, "application/json"),
            ("POST", _) => new StringContent("{}", Encoding.UTF8, "application/json"),
            _ => null,
        },
    };

    /// <summary>A 404 of routing (no endpoint for the path) rather than of an endpoint (no such person, which names a reason).</summary>
    private static bool IsRoutingMiss(string body) => !body.Contains("\"detail\"", StringComparison.Ordinal);

    private static bool IsProblem(HttpResponseMessage response, string body, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return false;
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("status").GetInt32() == status
            && !string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString());
    }

    private static string Brief(string body) => body.Length <= 160 ? body : body[..160] + "…";
}
