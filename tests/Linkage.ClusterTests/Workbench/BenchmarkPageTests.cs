using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The workbench's benchmarking page in headless Chromium: the indicator built in the form, the API's facilities in the table and the funnel.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class BenchmarkPageTests(WorkbenchFixture fixture)
{
    private const string Expected = """{"indicator":{"entry":{"kind":"receipt"},"outcome":{"kind":"death","from":0,"to":365}},"adjust":["sex"]}""";

    [Fact]
    public async Task A_benchmark_built_in_the_form_shows_the_APIs_facilities_and_one_funnel_point_per_facility()
    {
        var page = new WorkbenchPage(fixture.Browser.Driver, fixture.BaseAddress).Open(page: "workbench/benchmark.html");
        var driver = page.Driver;
        page.UseKey(WorkbenchFixture.ResearcherKey);
        page.Type("outcome.to", "365");
        driver.FindElement(By.CssSelector("input[name='bench.adjust'][value='age10']")).SendKeys(Keys.Space);
        var sent = driver.FindElement(By.Id("json")).Text;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Expected), JsonNode.Parse(sent)), $"the form should send {Expected}, it shows {sent}");

        page.Count();

        Assert.Equal("", page.Problems);
        var answer = JsonDocument.Parse(await PostAsync(Expected)).RootElement;
        var facilities = answer.GetProperty("facilities").EnumerateArray().ToList();
        Assert.True(facilities.Count >= 3, $"the population should have three or more facilities to compare: {answer}");
        var names = facilities.Select(f => f.GetProperty("facility").GetString()!).ToList();

        var rows = driver.FindElements(By.CssSelector("#facilities tbody tr"));
        Assert.Equal(names, rows.Select(r => r.GetAttribute("data-facility")).ToList());
        var expectedRows = facilities.Select(f => (string[])
        [
            f.GetProperty("facility").GetString()!,
            f.GetProperty("n").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            f.GetProperty("observed").ValueKind == JsonValueKind.Null ? "withheld" : f.GetProperty("observed").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            f.GetProperty("expected").GetDouble().ToString("0.000", CultureInfo.InvariantCulture),
            f.GetProperty("smr").ValueKind == JsonValueKind.Null ? "—" : f.GetProperty("smr").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture),
        ]).ToList();
        Assert.Equal(expectedRows, rows.Select(r => r.FindElements(By.TagName("td")).Take(5).Select(c => c.Text).ToArray()).ToList());
        Assert.Equal(facilities.Select(f => f.GetProperty("flag").GetString()), rows.Select(r => r.FindElements(By.TagName("td"))[^1].Text));

        var points = driver.FindElements(By.CssSelector("#funnel svg g.point"));
        Assert.Equal(names, points.Select(p => p.GetAttribute("data-facility")).ToList());
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
