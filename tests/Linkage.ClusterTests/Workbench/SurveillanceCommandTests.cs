using Linkage.ClusterTests.Infrastructure;

namespace Linkage.ClusterTests.Workbench;

/// <summary><c>linkage surveillance define / series / alerts</c> against the workbench host.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class SurveillanceCommandTests(WorkbenchFixture fixture) : IDisposable
{
    private readonly Outbreaks _outbreaks = new(fixture);
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linkage-surveillance-");

    [Fact]
    public async Task Define_prints_the_indicator_series_tabulates_the_EARS_statistics_and_alerts_lists_the_outbreaks_alerts()
    {
        var (code, name) = Outbreaks.NewIndicator();
        var file = Path.Combine(_scratch.FullName, "indicator.json");
        await File.WriteAllTextAsync(file, Outbreaks.Definition(code));

        var defined = await Cli("define", name, file);
        Assert.Equal($$"""{"name":"{{name}}","anyOf":[{"kind":"lab","code":"{{code}}"}],"episodeDays":1}""", defined.Trim());

        await _outbreaks.BaselineAsync(code, "27");
        using var client = fixture.Client(WorkbenchFixture.AuthorityKey);
        await using var stream = await ServerSentEvents.OpenAsync(client, "api/v1/alerts/stream");
        await _outbreaks.OutbreakAsync(code, "27");

        // Days 0..14 of Osaka (27): C1 from day 7 (its 7-day baseline inside the series), C2 from day 9, C3 from day 11;
        // day 14: C1 = C2 = (5 - 1) / 0.5 = 8, C3 = 7.
        var rows = Rows(await Cli("series", name, "--pref", "27"));
        Assert.Equal(15, rows.Count);
        Assert.Equal(["2026-06-01", "27", "1", "–", "–", "–", ""], rows[0]);
        Assert.Equal(["2026-06-14", "27", "1", "0", "0", "0", ""], rows[13]);
        Assert.Equal([Outbreaks.OutbreakDay, "27", "5", "8", "8", "7", "c1,c2,c3"], rows[14]);

        // The stream is the barrier: once it has carried Osaka's C1 alert, the list has it too.
        while (!(await stream.NextAsync(TimeSpan.FromSeconds(30))).Data.Contains($"\"id\":\"surveillance/{name}/27/{Outbreaks.OutbreakDay}/c1\"", StringComparison.Ordinal))
        {
        }

        var alerts = (await Cli("alerts")).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Single(alerts, l => l.EndsWith($" v1 surveillance {name} pref 27 {Outbreaks.OutbreakDay} c1 count 5 statistic 8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alerts_follow_prints_the_alerts_of_an_outbreak_ingested_while_it_runs()
    {
        var (code, name) = Outbreaks.NewIndicator();
        await _outbreaks.DefineAsync(name, code);
        await _outbreaks.BaselineAsync(code, "01");
        var before = (await Cli("alerts")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        // The stream starts at the log's beginning, so --count covers what was there and the outbreak's six (C1-C3, 01 and all).
        var following = LinkageCli.RunAsync("surveillance", "alerts", "--follow", "--count", (before + 6).ToString(), "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey);
        await _outbreaks.OutbreakAsync(code, "01");
        var (exit, output, error) = await following;

        Assert.True(exit == 0, $"linkage surveillance alerts --follow exited {exit}: {error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(before + 6, lines.Length);
        var expected = new[] { "01", "all" }.SelectMany(p => new[] { ("c1", 8), ("c2", 8), ("c3", 7) }
            .Select(d => $"v1 surveillance {name} pref {p} {Outbreaks.OutbreakDay} {d.Item1} count 5 statistic {d.Item2}")).ToHashSet();
        Assert.Equal(expected, lines[before..].Select(l => l[(l.IndexOf(" v1 ", StringComparison.Ordinal) + 1)..]).ToHashSet());
    }

    [Fact]
    public async Task Series_of_an_unknown_indicator_exits_1_with_the_APIs_reason()
    {
        var (exit, _, error) = await LinkageCli.RunAsync("surveillance", "series", "no-such-indicator", "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey);
        Assert.Equal(1, exit);
        Assert.Contains("no-such-indicator", error);
    }

    private async Task<string> Cli(params string[] arguments)
    {
        var (exit, output, error) = await LinkageCli.RunAsync(["surveillance", .. arguments, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey]);
        Assert.True(exit == 0, $"linkage surveillance {string.Join(' ', arguments)} exited {exit}: {error}");
        return output;
    }

    /// <summary>The cells of each body row of a Spectre table.</summary>
    private static List<string[]> Rows(string output) =>
        [.. output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(c => c.Length > 2).Select(c => c[1..^1]).Skip(1)];

    public void Dispose() => _scratch.Delete(recursive: true);
}
