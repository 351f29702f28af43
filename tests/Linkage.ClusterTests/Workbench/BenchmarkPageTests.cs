using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Linkage.Feeds;
using OpenQA.Selenium;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The workbench's benchmarking page in headless Chromium: the indicator built in the form, the API's facilities in the table and the funnel.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class BenchmarkPageTests(WorkbenchFixture fixture)
{

    [Fact]
    public async Task A_benchmark_built_in_the_form_shows_the_APIs_facilities_and_one_funnel_point_per_facility()
    {
        // The generated population gives each person their own facilities, too few people at any to be shown; so four
        // facilities with a diagnosis no other test gives: n 40, 30, 30, 20 with 20, 10, 12, 3 deaths within 30 days.
        var code = "X" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10);
        await IngestAsync(code, [(40, 20), (30, 10), (30, 12), (20, 3)]);
        var expected = """{"indicator":{"entry":{"kind":"receipt","code":""" + JsonSerializer.Serialize(code) + """},"outcome":{"kind":"death","from":0,"to":30}},"adjust":["sex"]}""";

        var page = new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open(page: "workbench/benchmark.html");
        var driver = page.Driver;
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.Type("entry.code", code);
        driver.FindElement(By.CssSelector("input[name='bench.adjust'][value='age10']")).SendKeys(Keys.Space);
        var sent = driver.FindElement(By.Id("json")).Text;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(sent)), $"the form should send {expected}, it shows {sent}");

        page.Count();

        Assert.Equal("", page.Problems);
        var answer = JsonDocument.Parse(await PostAsync(expected)).RootElement;
        var facilities = answer.GetProperty("facilities").EnumerateArray().ToList();
        Assert.True(facilities.Count == 4, $"the four facilities should be shown: {answer}");
        Assert.Contains(facilities, f => f.GetProperty("smr").ValueKind == JsonValueKind.Null);
        var names = facilities.Select(f => f.GetProperty("facility").GetString()!).ToList();

        var rows = driver.FindElements(By.CssSelector("#facilities tbody tr"));
        Assert.Equal(names, rows.Select(r => r.GetAttribute("data-facility") ?? "").ToList());
        var expectedRows = facilities.Select(f => (string[])
        [
            f.GetProperty("facility").GetString()!,
            f.GetProperty("n").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            f.GetProperty("observed").ValueKind == JsonValueKind.Null ? (f.TryGetProperty("complementary", out var c) && c.GetBoolean() ? $"≥ {answer.GetProperty("minCell").GetInt32()}, hidden" : "withheld") : f.GetProperty("observed").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            f.GetProperty("expected").GetDouble().ToString("0.000", CultureInfo.InvariantCulture),
            f.GetProperty("smr").ValueKind == JsonValueKind.Null ? "—" : f.GetProperty("smr").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture),
        ]).ToList();
        Assert.Equal(expectedRows, rows.Select(r => r.FindElements(By.TagName("td")).Take(5).Select(c => c.Text).ToArray()).ToList());
        Assert.Equal(facilities.Select(f => f.GetProperty("flag").GetString()), rows.Select(r => r.FindElements(By.TagName("td"))[^1].Text));

        var points = driver.FindElements(By.CssSelector("#funnel svg g.point"));
        Assert.Equal(names, points.Select(p => p.GetAttribute("data-facility") ?? "").ToList());
        Assert.Equal(facilities.Select(f => f.GetProperty("flag").GetString()), points.Select(p => p.GetAttribute("data-flag")));
        var drawn = facilities.Zip(points).Where(x => x.First.GetProperty("smr").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(drawn.Count, driver.FindElements(By.CssSelector("#funnel svg g.point circle")).Count);
        Assert.Equal(facilities.Count - drawn.Count, driver.FindElements(By.CssSelector("#funnel svg g.point.withheld path")).Count);
        // Positions follow the API's numbers: a larger expected count further right, a larger SMR higher up.
        foreach (var (a, pa) in drawn)
        {
            foreach (var (b, pb) in drawn)
            {
                if (a.GetProperty("expected").GetDouble() < b.GetProperty("expected").GetDouble())
                    Assert.True(Coordinate(pa, "cx") < Coordinate(pb, "cx"), $"{Name(a)} has the smaller expected count but is not left of {Name(b)}");
                if (a.GetProperty("smr").GetDouble() < b.GetProperty("smr").GetDouble())
                    Assert.True(Coordinate(pa, "cy") > Coordinate(pb, "cy"), $"{Name(a)} has the smaller SMR but is not below {Name(b)}");
            }
        }
        var coverages = facilities[0].GetProperty("limits").GetArrayLength();
        Assert.Equal(2 * coverages, driver.FindElements(By.CssSelector("#funnel svg polyline.limit")).Count);

        page.Screenshot("#funnel-figure", "benchmark-funnel");
    }

    private async Task IngestAsync(string code, (int People, int Deaths)[] facilities)
    {
        var source = NewSource();
        var events = new List<FeedEvent>();
        for (var f = 0; f < facilities.Length; f++)
        {
            var facility = "13" + Random.Shared.Next(10_000_000, 99_999_999);
            for (var i = 0; i < facilities[f].People; i++)
            {
                var mid = NewMid();
                var subject = new Subject { Mid = mid, Birth = "1960-05", Sex = i % 2 == 0 ? Sex.F : Sex.M, Pref = "13" };
                events.Add(new FeedEvent
                {
                    Source = source, RecordId = $"r{f}-{i}", Version = 1, Kind = EventKind.Receipt, Date = new DateOnly(2024, 5, 1), Subject = subject,
                    Data = new ReceiptData { Setting = "inpatient", Facility = facility, Diagnoses = [new Diagnosis { Code = code, Main = true }] },
                });
                if (i < facilities[f].Deaths)
                {
                    events.Add(new FeedEvent
                    {
                        Source = source + "-deaths", RecordId = $"d{f}-{i}", Version = 1, Kind = EventKind.Death, Date = new DateOnly(2024, 5, 12), Subject = subject,
                        Data = new DeathData { Underlying = "I21" },
                    });
                }
            }
        }
        using var client = fixture.Client(WorkbenchFixture.OperatorKey);
        using var response = await client.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string Name(JsonElement facility) => facility.GetProperty("facility").GetString()!;

    private static double Coordinate(IWebElement point, string attribute) =>
        double.Parse(point.FindElement(By.TagName("circle")).GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    private async Task<string> PostAsync(string request)
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkbenchFixture.ResearcherKey);
        using var response = await client.PostAsync("api/v1/benchmarks", new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"benchmark answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
