using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The workbench's drug-safety tab in headless Chromium: a screening and a pair, shown as the API answers them.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class SafetyTabTests(WorkbenchFixture fixture)
{
    /// <summary>The generated population's antihypertensive (YJ 2149...) against every three-character diagnosis.</summary>
    private const string Screening = """
        {"index":{"kind":"medication","code":"2149"},"marker":{"kind":"receipt","codeLength":3},"window":365,"runIn":0}
        """;

    private static readonly string[] Columns = ["code", "nAB", "nBA", "csr", "nsr", "asr", "asrLow", "asrHigh", "p", "signal", "q"];

    [Fact]
    public async Task A_screening_and_then_its_top_pair_run_from_the_form_show_the_APIs_numbers()
    {
        var page = new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        var tab = new SafetyTab(page).Open();
        Assert.True(tab.Shown, "the drug-safety tab should show after Enter on its button");

        tab.Type("index.code", "2149");
        tab.Screen("receipt", "codeLength", 3);
        tab.Type("window", "365");
        tab.Type("runIn", "0");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Screening), JsonNode.Parse(tab.Json)), $"the form should send {Screening}, it shows {tab.Json}");
        tab.Analyse();

        var screening = await AnswerAsync(Screening);
        var minCell = screening["minCell"]!.GetValue<int>();
        Assert.Equal("", tab.Problems);
        Assert.Equal(Attrition(screening, minCell), tab.Attrition());
        var rows = screening["rows"]!.AsArray();
        Assert.True(rows.Count >= 2, $"the screening should have two or more rows to show: {screening.ToJsonString()}");
        Assert.Equal(Columns, tab.ScreeningColumns());
        Assert.Equal(rows.Select(r => Columns.Select((c, i) => i == 0 ? r!["code"]!.GetValue<string>() : Expected(c, r![c], minCell, r)).ToArray()).ToList(),
            tab.ScreeningRows().Select(Normalized).ToList());
        Assert.False(tab.HistogramShown, "a screening has no histogram");
        Assert.StartsWith($"{screening["screened"]!.GetValue<int>()} code(s) screened; {screening["suppressedRows"]!.GetValue<int>()} left out", tab.Screened, StringComparison.Ordinal);
        page.Screenshot("#ssa-answer", "safety-screening");

        var top = rows[0]!["code"]!.GetValue<string>();
        tab.MarkerMode("pair");
        tab.Choose("marker.kind", "receipt");
        tab.Type("marker.code", top);
        var pair = $$"""{"index":{"kind":"medication","code":"2149"},"marker":{"kind":"receipt","code":"{{top}}"},"window":365,"runIn":0}""";
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pair), JsonNode.Parse(tab.Json)), $"the form should send {pair}, it shows {tab.Json}");
        tab.Analyse();

        var answer = await AnswerAsync(pair);
        Assert.Equal(Attrition(answer, minCell), tab.Attrition());
        Assert.Equal(6, tab.Attrition().Count);
        var shown = tab.Ratios();
        foreach (var field in Columns[1..^1]) Assert.Equal(Expected(field, answer[field], minCell, answer), Normalized(field, shown[field]));
        Assert.Equal(rows[0]!["nAB"]!.GetValue<long>(), answer["nAB"]!.GetValue<long>());

        // The histogram of days from index to marker: every bin of the answer, a suppressed one drawn as such.
        var bins = answer["sequenceDays"]!.AsArray();
        Assert.True(tab.HistogramShown, "the pair's histogram should show");
        Assert.Equal(bins.Select(b => (b!["from"]!.GetValue<int>(), b["to"]!.GetValue<int>(), b["count"]?.GetValue<long>().ToString(CultureInfo.InvariantCulture) ?? "")).ToList(), tab.Bins());
        Assert.Equal(bins.Count(b => b!["count"] is null), tab.SuppressedBins);
        // 365 days in bins of 13 (the last one day): 29 a side, mirrored around the index day.
        Assert.Equal(58, bins.Count);
        Assert.Equal((-365, -365), (bins[0]!["from"]!.GetValue<int>(), bins[0]!["to"]!.GetValue<int>()));
        // This population gives a pair few sequences per bin: with minCell 10 small bins are hidden, and the page says how many.
        Assert.True(tab.SuppressedBins > 0, $"the pair should have small bins to show hidden: {answer.ToJsonString()}");
        Assert.StartsWith($"{tab.SuppressedBins} bin(s) hidden", tab.DaysNote, StringComparison.Ordinal);
        page.Screenshot("#safety-tab", "safety");
    }

    [Fact]
    public void A_request_the_server_refuses_shows_its_reasons()
    {
        var page = new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open();
        page.UseKey(WorkbenchFixture.ResearcherKey);
        var tab = new SafetyTab(page).Open();
        tab.Type("window", "0");

        tab.Analyse();

        Assert.Contains("400", tab.Problems, StringComparison.Ordinal);
        Assert.Contains("window: ", tab.Problems, StringComparison.Ordinal);
    }

    private async Task<JsonObject> AnswerAsync(string request)
    {
        var (status, body) = await fixture.SsaAsync(request);
        Assert.True(status == HttpStatusCode.OK, $"the API answered {(int)status}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Each attrition step as the page should show it: a suppressed step as "hidden", a count with thousands separators.</summary>
    private static List<string[]> Attrition(JsonObject answer, int minCell) =>
        [.. answer["attrition"]!.AsArray().Select(s => (string[])[s!["step"]!.GetValue<string>(), s["count"] is null ? "hidden" : Expected("nAB", s["count"], minCell, s)])];

    /// <summary>
    /// A field as the page should show it (numbers normalised to their shortest round-trip text): null as "suppressed"
    /// when the record's counts are, else "undefined" (safety-v1: csr null when nBA is 0).
    /// </summary>
    private static string Expected(string field, JsonNode? value, int minCell, JsonNode? record) => value switch
    {
        null => record?["nAB"] is null ? "suppressed" : "undefined",
        _ when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>() ? "yes" : "no",
        _ when field is "nAB" or "nBA" => ShownCounts.Text(JsonSerializer.SerializeToElement(value), minCell),
        _ => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
    };

    private static string[] Normalized(string[] row) => [.. row.Select((text, i) => i == 0 ? text : Normalized(Columns[i], text))];

    private static string Normalized(string field, string text) =>
        field is "nAB" or "nBA" || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? text
            : number.ToString("R", CultureInfo.InvariantCulture);
}
