using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Workbench;

/// <summary>
/// Surveillance cases on the workbench host: one lab case a day in a prefecture for 14 days from <see cref="Start"/>,
/// then five on day 14, under an indicator of their own code. Every test ends its cases on the same day (after the
/// population's records, which end in 2025), so each indicator's outbreak day is the latest day of its series.
/// </summary>
public sealed class Outbreaks(WorkbenchFixture fixture)
{
    public static readonly DateOnly Start = new(2026, 6, 1);

    public static string OutbreakDay => Start.AddDays(14).ToString("yyyy-MM-dd");

    /// <summary>A fresh JLAC10-shaped code (17 characters) and the indicator name it gets.</summary>
    public static (string Code, string Name) NewIndicator()
    {
        var code = "SP" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant();
        return (code, code.ToLowerInvariant());
    }

    public static string Definition(string code) => $$"""{"anyOf":[{"kind":"lab","code":"{{code}}"}],"episodeDays":1}""";

    /// <summary>Days 0..13: one case a day in <paramref name="pref"/>; C1 of day 13 = (1 - 1) / 0.5 = 0.</summary>
    public Task BaselineAsync(string code, string pref) =>
        IngestAsync([.. Enumerable.Range(0, 14).Select(d => Case(code, pref, Start.AddDays(d)))]);

    /// <summary>Day 14: five cases. C1 = C2 = (5 - 1) / 0.5 = 8 and C3 = 0 + 0 + 7.</summary>
    public Task OutbreakAsync(string code, string pref) =>
        IngestAsync([.. Enumerable.Range(0, 5).Select(_ => Case(code, pref, Start.AddDays(14)))]);

    public async Task DefineAsync(string name, string code)
    {
        using var client = fixture.Client(WorkbenchFixture.AuthorityKey);
        using var response = await client.PutAsync($"api/v1/surveillance/indicators/{name}", new StringContent(Definition(code), Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static FeedEvent Case(string code, string pref, DateOnly day)
    {
        var mid = NewMid();
        return Lab("surv-page", Guid.NewGuid().ToString("N"), mid: mid, date: day.ToString("yyyy-MM-dd")) with
        {
            Subject = new Subject { Mid = mid, Birth = "1980-01", Sex = Sex.M, Pref = pref },
            Data = new LabData { Code = code, Value = 1, Unit = "%" },
        };
    }

    private async Task IngestAsync(FeedEvent[] events)
    {
        using var client = fixture.Client(WorkbenchFixture.OperatorKey);
        using var response = await client.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() == events.Length, $"ingest answered {(int)response.StatusCode}: {body}");
    }
}
