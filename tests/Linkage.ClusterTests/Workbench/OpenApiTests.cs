using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The API describes itself: <c>/openapi/v1.json</c> names every route, its role, body and problem answers; the reference page is served by the host.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed partial class OpenApiTests(WorkbenchFixture fixture)
{
    private async Task<JsonObject> DocumentAsync()
    {
        using var client = fixture.Client(null);
        using var response = await client.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Every_API_route_is_described_with_the_roles_api_v1_gives_it_and_its_problem_answers()
    {
        var document = await DocumentAsync();
        var contract = ApiContract.Load();
        var routes = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .ToList();
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            var path = CatchAll().Replace(pattern, "{");
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is not in /openapi/v1.json");

                // The document's roles against the contract's table, not against the metadata they were generated from.
                var contracted = contract.Find(method, pattern);
                Assert.True(contracted is not null, $"{method} {path} is not in api-v1");
                var described = operation["x-linkage-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                Assert.True(described.SetEquals(contracted.Roles), $"{method} {path}: the document names roles [{string.Join(", ", described)}], api-v1 [{string.Join(", ", contracted.Roles)}]");
                var responses = operation["responses"]!.AsObject();
                foreach (var status in new[] { "200", "401", "403", "429", "503" })
                {
                    Assert.True(responses.ContainsKey(status) || (status == "200" && responses.ContainsKey("307")), $"{method} {path}: no {status} answer described");
                }

                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            }
        }

        Assert.True(document["paths"]!["/api/v1/ingest"]!["post"]!["requestBody"]?["content"]?["application/x-ndjson"] is not null, "the ingest body (NDJSON) is not described");
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/workbench/" }) Assert.True(document["paths"]![path] is not null, $"{path} is not in /openapi/v1.json");
    }

    [Fact]
    public async Task The_cohort_count_is_described_with_the_definition_it_takes_the_answer_and_the_400_with_each_problem()
    {
        var document = await DocumentAsync();
        var operation = document["paths"]!["/api/v1/cohorts/count"]!["post"]!;
        var body = operation["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/CohortDefinition", body["schema"]!["$ref"]!.GetValue<string>());
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(CohortDefinitionParser.DefinitionFields, schemas["CohortDefinition"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(GroupValues.Names, schemas["CohortDefinition"]!["properties"]!["groupBy"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("#/components/schemas/CohortAnswer", operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        var problem = operation["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.NotNull(schemas[problem.Split('/')[^1]]!["properties"]!["errors"]);

        var (status, answer) = await fixture.CountAsync(body["example"]!.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, $"the documented example should be counted: {(int)status} {answer}");
    }

    [Fact]
    public async Task The_series_pref_parameter_refers_to_the_prefectures_with_their_names_and_short_names()
    {
        var document = await DocumentAsync();
        var prefecture = document["components"]!["schemas"]!["Prefecture"]!;
        var names = prefecture["x-linkage-prefecture-names"]!.AsObject();

        Assert.Equal(Enumerable.Range(1, 47).Select(i => i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), prefecture["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(47, names.Count);
        Assert.Equal(("北海道", "北海道"), (names["01"]!["name"]!.GetValue<string>(), names["01"]!["short"]!.GetValue<string>()));
        Assert.Equal(("東京都", "東京"), (names["13"]!["name"]!.GetValue<string>(), names["13"]!["short"]!.GetValue<string>()));
        Assert.Equal(("大阪府", "大阪"), (names["27"]!["name"]!.GetValue<string>(), names["27"]!["short"]!.GetValue<string>()));
        Assert.Equal(("沖縄県", "沖縄"), (names["47"]!["name"]!.GetValue<string>(), names["47"]!["short"]!.GetValue<string>()));
        var pref = document["paths"]!["/api/v1/surveillance/indicators/{name}/series"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "pref")!;
        Assert.Contains(pref["schema"]!["anyOf"]!.AsArray(), s => s!["$ref"]?.GetValue<string>() == "#/components/schemas/Prefecture");
    }

    [Fact]
    public async Task The_API_reference_is_served_by_the_host_and_renders_with_nothing_from_elsewhere()
    {
        using var client = fixture.Client(null);
        var html = await client.GetStringAsync("api-reference/");
        var sources = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(Uri.TryCreate(source, UriKind.Absolute, out _), $"the reference loads {source} from elsewhere");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api-reference/" + source)).StatusCode);
        }

        // The browser reaches nothing but the host here: the reference rendering the document proves it needs nothing else.
        var driver = fixture.Browser.Driver;
        driver.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "api-reference/"));
        var rendered = (bool)driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            const found = () => ["Linkage API", "Research", "Ingest events-v1 NDJSON"].every(t => document.body.textContent.includes(t));
            if (found()) { done(true); return; }
            const watch = new MutationObserver(() => { if (found()) { watch.disconnect(); done(true); } });
            watch.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => { watch.disconnect(); done(found()); }, 20000);
            """)!;
        var shown = (string)driver.ExecuteScript("return document.body.innerText;")!;
        Assert.True(rendered, $"the API reference should show the document's title, the Research tag and the ingest operation; it shows: {shown[..Math.Min(1500, shown.Length)]}");
    }

    [GeneratedRegex(@"\{\*\*")]
    private static partial Regex CatchAll();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
