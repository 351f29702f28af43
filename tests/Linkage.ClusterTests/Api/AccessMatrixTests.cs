using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Xunit.Abstractions;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// Every route the host maps, and the pages it serves, against every caller (no key, an unknown key, each role): only
/// the roles docs/contracts/api-v1.md gives a route get in, every refusal is problem+json; a key past its rate limit,
/// and an address past its limit for requests without a valid key, are answered 429 with <c>Retry-After</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AccessMatrixTests(LinkageApiFixture api, ITestOutputHelper output)
{
    /// <summary>The callers of the matrix: a name (a role's, for a key carrying that role) and the bearer key it sends (none for "no key").</summary>
    private static readonly (string Name, string? Key)[] Callers =
    [
        ("no key", null),
        ("unknown key", "not-a-known-key"),
        ("operator", "dev-operator-key"),
        ("researcher", "dev-researcher-key"),
        ("authority", "dev-authority-key"),
        ("admin", "dev-admin-key"),
    ];

    /// <summary>A value for each route parameter, so that a route is called as a client would.</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["token"] = "mid.MZRYFSAvtkSoMYHjMvb1IQ",
        ["id"] = "p.mid.MZRYFSAvtkSoMYHjMvb1IQ",
        ["source"] = "matrix-source",
        ["name"] = "matrix",
    };

    /// <summary>Open pages the host serves that api-v1's table does not list: the operations page and the dashboard (api-v1's prose).</summary>
    private static readonly string[] OpenPages = ["/operations/", "/dashboard/"];

    /// <summary>Requests an address may make without a valid key per window, in the limit test's own host.</summary>
    private const int AnonymousPermits = 5;

    [Fact]
    public async Task Only_the_contracts_roles_get_in_on_every_mapped_route_and_page_and_every_refusal_is_problem_json()
    {
        var contract = ApiContract.Load();
        var walk = await RouteWalk.OfAsync(api.Services, contract);
        var routes = walk.Routes.Where(r => r.Contract is not null)
            .Select(r => (Method: r.Method == "*" ? r.Contract!.Method ?? "GET" : r.Method, Path: r.Contract!.Path.Contains('{') ? Concrete(r.Pattern) : r.Contract.Path, r.Contract.Roles))
            .Concat(contract.Routes.Where(r => r.Method is null).Select(r => ("GET", r.Path, r.Roles)))
            .Concat(OpenPages.Select(p => ("GET", p, (IReadOnlySet<string>)new HashSet<string>())))
            .DistinctBy(r => (r.Item1, r.Item2))
            .ToList();
        Assert.True(walk.Routes.Count(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)) >= 8, $"expected the host's API routes in the walk, saw {string.Join("; ", walk.Routes)}");

        var cells = new List<string>();
        foreach (var (method, path, roles) in routes)
        {
            foreach (var (caller, key) in Callers)
            {
                // An event stream never ends: its headers are the answer.
                using var response = await api.Client(key).SendAsync(Request(method, path), HttpCompletionOption.ResponseHeadersRead);
                var status = (int)response.StatusCode;
                var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
                var expected = roles.Count == 0 || roles.Contains(caller) ? "in" : key is null || caller == "unknown key" ? "401" : "403";
                var seen = status is 401 or 403 ? status.ToString() : status == 404 && IsRoutingMiss(body) ? "no such endpoint" : "in";
                if (seen != expected) cells.Add($"{method} {path} (roles {(roles.Count == 0 ? "none" : string.Join(", ", roles))}), {caller}: expected {expected}, answered {status} {Brief(body)}");
                else if (seen is "401" or "403" && !IsProblem(response, body, status)) cells.Add($"{method} {path}, {caller}: refused {status} but not as problem+json: {Brief(body)}");
            }
        }

        output.WriteLine($"{routes.Count} routes and pages × {Callers.Length} callers: {string.Join("; ", routes.Select(r => $"{r.Item1} {r.Item2}"))}");
        Assert.True(cells.Count == 0, string.Join("\n", cells));
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

    [Fact]
    public async Task An_address_past_its_limit_without_a_valid_key_is_answered_429_with_retry_after_while_keys_and_other_addresses_go_on()
    {
        await using var host = new LinkageHostFactory(api.Storage.ConnectionString, "anonymous", new Dictionary<string, string>
        {
            ["Linkage:Api:RateLimit:AnonymousPermitLimit"] = AnonymousPermits.ToString(),
            ["Linkage:Api:RateLimit:Window"] = "00:01:00",
        });
        var guesser = IPAddress.Parse("203.0.113.9");

        // The window is a minute: at most two windows begin while these requests go out, so one of them is refused.
        var statuses = new List<int>();
        (int Status, Microsoft.AspNetCore.Http.IHeaderDictionary Headers, string Body)? refused = null;
        for (var i = 0; i < 2 * AnonymousPermits + 1 && refused is null; i++)
        {
            var answer = await host.Server.SendFromAsync(guesser, "GET", "/api/v1/audit", $"guessed-key-{i}");
            statuses.Add(answer.Status);
            if (answer.Status == 429) refused = answer;
        }

        Assert.True(refused is { } r && r.Headers.ContentType.ToString().StartsWith("application/problem+json", StringComparison.Ordinal),
            $"expected a 429 problem within {2 * AnonymousPermits + 1} requests with unknown keys from one address, saw {string.Join(", ", statuses)}");
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(401, s));
        var retryAfter = int.Parse(refused!.Value.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);

        // Keys count apart from the address they come from, and other addresses apart from it.
        Assert.Equal(200, (await host.Server.SendFromAsync(guesser, "GET", "/api/v1/feeds/anonymous-limit", "dev-operator-key")).Status);
        Assert.Equal(401, (await host.Server.SendFromAsync(IPAddress.Parse("203.0.113.10"), "GET", "/api/v1/audit", "guessed-key")).Status);
        Assert.Equal(429, (await host.Server.SendFromAsync(guesser, "GET", "/health/live")).Status);
    }

    /// <summary>A route pattern with each parameter given its sample value.</summary>
    private static string Concrete(string pattern) => Regex.Replace(pattern, @"\{\**([^}:]+)[^}]*\}", m =>
        Samples.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"{pattern}: no sample value for {{{m.Groups[1].Value}}}; add one to Samples"));

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
