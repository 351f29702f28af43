using System.Net;
using System.Text;
using Linkage.Feeds;
using OpenQA.Selenium;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Workbench;

/// <summary>
/// The operations page and the Orleans dashboard in headless Chromium while ingest runs: the page's count for a source
/// ends at exactly what was ingested; the screenshots for docs/operations.md are taken under that load.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class OperationsPagesTests(WorkbenchFixture fixture)
{
    // Under the driver's own 60 s command timeout, so that the script's timeout is the one that fires.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_operations_page_follows_ingest_under_load_and_ends_at_the_number_ingested_while_the_dashboard_shows_the_silo()
    {
        var source = NewSource();
        using var load = new CancellationTokenSource();
        var ingesting = IngestUntilAsync(source, load.Token);
        var driver = fixture.Browser.Driver;
        try
        {
            driver.Manage().Window.Size = new System.Drawing.Size(1280, 1100);
            driver.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "operations/"));
            WaitForRow(source, column: 3, until: "n > 0", "a rate above 0 while ingest runs");
            Screenshot("operations");

            driver.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "dashboard/"));
            driver.Manage().Timeouts().AsynchronousJavaScript = Deadline;
            try
            {
                driver.ExecuteAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const seen = () => (document.body.textContent ?? "").toLowerCase().includes("total activations");
                    if (seen()) done(true); else new MutationObserver((_, o) => { if (seen()) { o.disconnect(); done(true); } }).observe(document.body, { childList: true, subtree: true, characterData: true });
                    """);
            }
            catch (WebDriverException)
            {
                var text = driver.FindElement(By.TagName("body")).Text;
                Assert.Fail($"the dashboard should show its cluster overview (Total Activations) within {Deadline.TotalSeconds:0} s; it shows: {text[..Math.Min(600, text.Length)]}");
            }

            Screenshot("dashboard");
        }
        finally
        {
            load.Cancel();
        }

        var ingested = await ingesting;
        Assert.True(ingested > 0, "expected some records ingested while the pages were open");
        driver.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "operations/"));
        WaitForRow(source, column: 2, until: $"n === {ingested}", $"ingested {ingested}");
    }

    /// <summary>Posts bodies of new lab records for <paramref name="source"/> until cancelled; the number accepted.</summary>
    private async Task<int> IngestUntilAsync(string source, CancellationToken stop)
    {
        using var client = fixture.Client(WorkbenchFixture.OperatorKey);
        var accepted = 0;
        for (var body = 0; !stop.IsCancellationRequested; body++)
        {
            var lines = Enumerable.Range(0, 500).Select(i => FeedEventJson.ToJson(Lab(source, $"r{body}-{i}", mid: NewMid())));
            using var response = await client.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"), CancellationToken.None);
            var answer = await response.Content.ReadAsStringAsync(CancellationToken.None);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest: expected 200, saw {(int)response.StatusCode}: {answer}");
            accepted += System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("accepted").GetInt32();
        }

        return accepted;
    }

    /// <summary>Waits (on the page's own updates) until the ingest row of <paramref name="source"/> has a number <c>n</c> in <paramref name="column"/> for which <paramref name="until"/> holds.</summary>
    private void WaitForRow(string source, int column, string until, string expected)
    {
        var driver = fixture.Browser.Driver;
        var script = $$"""
            const [source, column, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            const holds = () => [...document.querySelectorAll("#ingest tbody tr")].some(tr => {
              if (tr.children[0]?.textContent !== source) return false;
              const n = Number((tr.children[column]?.textContent ?? "").replaceAll(",", ""));
              return {{until}};
            });
            const body = document.querySelector("#ingest tbody");
            if (holds()) done(true); else new MutationObserver((_, o) => { if (holds()) { o.disconnect(); done(true); } }).observe(body, { childList: true, subtree: true });
            """;
        try
        {
            driver.Manage().Timeouts().AsynchronousJavaScript = Deadline;
            driver.ExecuteAsyncScript(script, source, column);
        }
        catch (WebDriverException)
        {
            var rows = driver.FindElements(By.CssSelector("#ingest tbody tr")).Select(r => r.Text).ToList();
            var row = rows.FirstOrDefault(t => t.StartsWith(source, StringComparison.Ordinal)) ?? $"no row (rows: {string.Join(" | ", rows)})";
            Assert.Fail($"operations page: expected the row of {source} to show {expected} within {Deadline.TotalSeconds:0} s; it shows: {row}; status: {driver.FindElement(By.Id("status")).Text}");
        }
    }

    /// <summary>Saves the window to docs/operations/<paramref name="name"/>.png when <c>LINKAGE_SCREENSHOTS=1</c> asks for it.</summary>
    private void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable(WorkbenchPage.ScreenshotsVariable) != "1") return;
        var folder = Path.Combine(Infrastructure.LocalMachine.RepositoryRoot(), "docs", "operations");
        Directory.CreateDirectory(folder);
        fixture.Browser.Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, name + ".png"));
    }
}
