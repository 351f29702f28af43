using Linkage.ClusterTests.Infrastructure;
using OpenQA.Selenium;

namespace Linkage.ClusterTests.Workbench;

/// <summary>The authority's surveillance page in headless Chromium: the map, a prefecture's series and the live alert list.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class SurveillancePageTests(WorkbenchFixture fixture)
{
    private readonly Outbreaks _outbreaks = new(fixture);

    [Fact]
    public async Task The_page_colours_the_map_by_C1_shows_a_prefectures_series_and_lists_an_outbreaks_alerts_as_they_are_raised()
    {
        var (code, name) = Outbreaks.NewIndicator();

        // One case a day in Tokyo (13) for 14 days: C1 of day 13 = (1 - 1) / 0.5 = 0 (sd 0 floored to 0.5).
        await _outbreaks.BaselineAsync(code, "13");
        await _outbreaks.DefineAsync(name, code);

        var page = new SurveillancePage(fixture.Browser.Driver, fixture.BaseAddress).Open();
        page.UseKey(WorkbenchFixture.AuthorityKey);
        page.ChooseIndicator(name);
        page.WaitFor("#map g.tile[data-pref='13'][data-c1='0']");
        var tiles = page.Tiles();
        Assert.Equal(48, tiles.Count);
        Assert.Equal([.. Enumerable.Range(1, 47).Select(p => p.ToString("00")), "all"], tiles.Select(t => t.Pref));
        Assert.Contains(("13", "東京都 (13): count 1, C1 0", "tile c-low"), tiles);
        Assert.Contains(("01", "北海道 (01): no episodes", "tile c-none"), tiles);
        Assert.Contains(("47", "沖縄県 (47): no episodes", "tile c-none"), tiles);

        page.ChooseTile("13");
        page.WaitFor("#series[data-pref='13'][data-days='14'] svg");
        Assert.Empty(page.AlarmMarks());
        page.WaitFor("body[data-streaming]");

        // Day 14: five cases. C1 = C2 = (5 - 1) / 0.5 = 8 and C3 = 0 + 0 + 7: three alerts for Tokyo and three for the country.
        var outbreak = Outbreaks.OutbreakDay;
        await _outbreaks.OutbreakAsync(code, "13");

        var alert = page.WaitFor($"#alerts li[data-indicator='{name}'][data-pref='13'][data-detector='c1']");
        Assert.Equal($"{name} 東京都 {outbreak} C1 count 5, statistic 8", alert.Text);
        page.WaitFor($"#alerts li[data-indicator='{name}'][data-pref='all'][data-detector='c3']");
        page.WaitFor($"#series circle.alarm[data-day='{outbreak}']");
        page.WaitFor("#map g.tile.c-alarm[data-pref='13']");
        var shown = fixture.Browser.Driver.FindElements(By.CssSelector($"#alerts li[data-indicator='{name}']"))
            .Select(li => (li.GetAttribute("data-pref"), li.GetAttribute("data-day"), li.GetAttribute("data-detector"))).ToHashSet();
        Assert.Equal(new[] { "13", "all" }.SelectMany(p => new[] { "c1", "c2", "c3" }.Select(d => ((string?)p, (string?)outbreak, (string?)d))).ToHashSet(), shown);
        Assert.Equal([(outbreak, "c1,c2,c3")], page.AlarmMarks());
        Assert.Contains(("13", "東京都 (13): count 5, C1 8", "tile c-alarm chosen"), page.Tiles());

        if (Environment.GetEnvironmentVariable(WorkbenchPage.ScreenshotsVariable) == "1")
        {
            page.Screenshot(Path.Combine(LocalMachine.RepositoryRoot(), "docs", "surveillance-page.png"));
        }
    }
}
