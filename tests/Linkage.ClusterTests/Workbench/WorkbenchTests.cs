using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using Linkage.Cohorts;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The research workbench in headless Chromium against a host holding a generated population.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchTests(WorkbenchFixture fixture)
{
    private const string Expected = """
        {"entry":{"kind":"receipt","code":"I10"},"require":[{"kind":"lab","from":-365,"to":365}],
         "outcome":{"kind":"receipt","code":"J","to":1095},"groupBy":["sex","entryYear","outcome"],"survival":{"step":90}}
        """;

    private WorkbenchPage Page() => new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open();

    [Fact]
    public async Task A_cohort_built_in_the_form_shows_the_APIs_numbers_and_one_survival_curve_per_group()
    {
        var page = Page();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.Type("entry.code", "I10");
        page.Add("require");
        page.Choose("require[0].kind", "lab");
        page.Type("require[0].from", "-365");
        page.Type("require[0].to", "365");
        page.Choose("outcome.kind", "receipt");
        page.Type("outcome.code", "J");
        page.Type("outcome.to", "1095");
        page.GroupBy("sex", "entryYear", "outcome");
        page.Type("survival.step", "90");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Expected), JsonNode.Parse(page.Json)), $"the form should send {Expected}, it shows {page.Json}");
        page.Screenshot(".build", "form");

        page.Count();

        var (status, body) = await fixture.CountAsync(page.Json);
        Assert.True(status == HttpStatusCode.OK, $"the API answered {(int)status}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        var minCell = answer.GetProperty("minCell").GetInt32();
        Assert.Equal(ShownCounts.Text(answer.GetProperty("total"), minCell, ShownCounts.Flag(answer, "totalComplementary")), page.Total);

        var groups = answer.GetProperty("groups").EnumerateArray().ToList();
        var expectedRows = groups.Select(g => (string[])[.. Values(g.GetProperty("key")), ShownCounts.Text(g.GetProperty("count"), minCell, ShownCounts.Flag(g, "complementary"))]).ToList();
        Assert.Equal(expectedRows, page.Groups());
        var suppressed = groups.Count(g => g.GetProperty("count").ValueKind == JsonValueKind.Null);
        Assert.True(suppressed > 0, $"the cohort should have small cells to show suppressed: {body}");
        Assert.Equal(suppressed, page.SuppressedBars);
        Assert.DoesNotContain(page.Groups(), row => row[^1] == "0");

        var tables = answer.GetProperty("survival").EnumerateArray().ToList();
        Assert.True(tables.Count >= 2, $"the cohort should have two or more life tables: {body}");
        Assert.Equal(tables.Count, page.Curves);
        var expectedTables = tables.Select(t => (string.Join(" · ", Values(t.GetProperty("key"))), t.GetProperty("intervals").EnumerateArray().Select(Interval).ToList())).ToList();
        var shownTables = page.LifeTables().Select(t => (t.Key, t.Rows.Where(r => r.Length == 5).ToList())).ToList();
        Assert.Equal(expectedTables.Select(t => t.Item1), shownTables.Select(t => t.Key));
        for (var i = 0; i < tables.Count; i++) Assert.Equal(expectedTables[i].Item2, shownTables[i].Item2);

        page.Screenshot("#answer .results", "groups");
        page.Screenshot("#survival-block", "survival");
    }

    [Fact]
    public async Task The_answer_downloads_as_the_APIs_JSON_and_as_CSV_with_suppressed_cells_below_min_cell()
    {
        var page = Page();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.PasteJson(Expected);
        page.Count();
        var (_, body) = await fixture.CountAsync(Expected);
        var answer = JsonNode.Parse(body)!.AsObject();

        var (jsonName, json) = page.Download("download-json");
        var downloaded = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("cohort-answer.json", jsonName);
        Assert.True(JsonNode.DeepEquals(Without(answer, "asOf"), Without(downloaded, "asOf")), $"the JSON download should be the API's answer {body}, it is {json}");

        var (csvName, csv) = page.Download("download-csv");
        Assert.Equal("cohort-answer.csv", csvName);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var minCell = answer["minCell"]!.GetValue<int>();
        string Count(JsonNode? count, JsonNode? complementary) =>
            count is null ? $"{(complementary?.GetValue<bool>() == true ? ">=" : "<")}{minCell}" : count.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        string Note(JsonNode? count, JsonNode? complementary) => count is not null ? "" : complementary?.GetValue<bool>() == true ? "complementary" : "suppressed";
        Assert.Equal(["section", "sex", "entryYear", "outcome", "count", "from", "to", "atRisk", "events", "censored", "survival", "note"], rows[0]);
        Assert.Equal(Count(answer["total"], answer["totalComplementary"]), rows[1][4]);
        var groups = answer["groups"]!.AsArray();
        var expectedGroups = groups.Select(g => (string[])["group", .. g!["key"]!.AsObject().Select(k => k.Value!.GetValue<string>()), Count(g["count"], g["complementary"]), Note(g["count"], g["complementary"])]).ToList();
        Assert.Equal(expectedGroups, rows.Where(r => r[0] == "group").Select(r => (string[])[.. r[..5], r[^1]]).ToList());
        Assert.Contains(rows, r => r[0] == "group" && r[4] == $"<{minCell}");
        var intervals = answer["survival"]!.AsArray().Sum(t => t!["intervals"]!.AsArray().Count);
        Assert.Equal(intervals, rows.Count(r => r[0] == "survival"));
    }

    [Fact]
    public async Task A_malformed_definition_shows_the_servers_reason_beside_the_field_it_names()
    {
        const string malformed = """{"entry":{"kind":"receipt","code":"E11"},"require":[{"kind":"lab","code":"3D046","from":1.5,"to":180}],"minCell":3}""";
        var page = Page();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.PasteJson(malformed);
        Assert.Equal("1.5", page.Field("require[0].from").GetAttribute("value"));

        page.Count();

        var (status, body) = await fixture.CountAsync(malformed);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(errors.Single(e => e.StartsWith("require[0].from: ", StringComparison.Ordinal)), page.ErrorBeside("require[0].from"));
        Assert.Equal(errors.Single(e => e.StartsWith("minCell: ", StringComparison.Ordinal)), page.ErrorBeside("minCell"));
        Assert.Null(page.ErrorBeside("entry.code"));
    }

    [Fact]
    public async Task JSON_that_does_not_parse_shows_the_servers_reason()
    {
        const string broken = """{"entry":{"kind":"receipt",}""";
        var page = Page();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.PasteJson(broken);

        page.Count();

        var (_, body) = await fixture.CountAsync(broken);
        var reason = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetString()!;
        Assert.Contains(reason, page.Problems);
    }

    [Fact]
    public async Task An_operator_key_is_refused_with_the_servers_message_and_a_researcher_key_counts()
    {
        var page = Page();
        page.UseKey(WorkbenchFixture.OperatorKey);
        page.Count();

        var (status, body) = await fixture.CountAsync(page.Json, WorkbenchFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("403", page.Problems);
        Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!, page.Problems);

        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.Count();
        Assert.Equal("", page.Problems);
        var (_, answer) = await fixture.CountAsync(page.Json);
        Assert.Equal(ShownCounts.Text(JsonDocument.Parse(answer).RootElement.GetProperty("total"), 10), page.Total);
    }

    [Fact]
    public void On_a_narrow_screen_the_page_and_its_answer_need_no_sideways_scrolling()
    {
        var page = new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open(width: 400, height: 900);
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.PasteJson(Expected);
        Assert.Empty(page.WiderThanTheWindow());

        page.Count();

        Assert.Equal("", page.Problems);
        Assert.Empty(page.WiderThanTheWindow());
        page.Screenshot("#answer", "narrow");
    }

    private static JsonObject Without(JsonObject answer, string property)
    {
        var copy = answer.DeepClone().AsObject();
        copy.Remove(property);
        return copy;
    }

    private static IEnumerable<string> Values(JsonElement key) => key.EnumerateObject().Select(p => p.Value.GetString()!);

    private static string[] Interval(JsonElement i) =>
    [
        $"{i.GetProperty("from").GetInt32()}–{i.GetProperty("to").GetInt32()}",
        i.GetProperty("atRisk").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
        i.GetProperty("events").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
        i.GetProperty("censored").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
        i.GetProperty("survival").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture),
    ];
}
