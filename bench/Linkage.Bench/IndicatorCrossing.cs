using System.Text.Json;
using Linkage.Client.Http;
using Linkage.Feeds;

namespace Linkage.Bench;

/// <summary>
/// A surveillance-v1 indicator whose EARS C1 crosses: one case a day in prefecture 13 for 14 days (the baseline,
/// sd 0 floored to 0.5, no alarm), then five cases on day 14: C1 = (5 - 1) / 0.5 = 8, over 3.
/// </summary>
public sealed class IndicatorCrossing : AlertCrossing
{
    private static readonly DateOnly Start = new(2023, 3, 1);

    private readonly string _code = "AL" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant();

    public override string Name => _code.ToLowerInvariant();

    public override string AlertKey => AlertStreamListener.IndicatorKey(Name, "c1");

    public override IReadOnlyList<string> CrossingLines() => [.. Enumerable.Range(0, 5).Select(i => Line(Case($"o{i}", 14)))];

    public override async Task PrepareAsync(LinkageApiClient operatorApi, HttpClient authority)
    {
        await IngestAsync(operatorApi, [.. Enumerable.Range(0, 14).Select(d => Line(Case($"b{d}", d)))]);
        await AuthorityAsync(authority, HttpMethod.Put, $"api/v1/surveillance/indicators/{Name}", $$"""{"anyOf":[{"kind":"lab","code":"{{_code}}"}],"episodeDays":1}""");
    }

    /// <summary>
    /// Day 14 with C1 = (count - 1) / 0.5. The count is 5, or 3 or 4 when an evaluation ran while the crossing body's
    /// records were still reaching their index partitions (C1 is over 3 from 3 cases on).
    /// </summary>
    public override void Check(JsonElement alert)
    {
        var count = alert.GetProperty("count").GetInt64();
        Expect(alert,
            ("day", Start.AddDays(14).ToString("yyyy-MM-dd"), alert.GetProperty("day").GetString()!),
            ("count from 3 to", 5L, count is >= 3 and <= 5 ? 5L : count),
            ("statistic", (count - 1) / 0.5, alert.GetProperty("statistic").GetDouble()),
            ("version", 1, alert.GetProperty("version").GetInt32()));
    }

    public override bool RaisedOnPartOfTheCrossing(JsonElement alert) => alert.GetProperty("count").GetInt64() < 5;

    public override Task EndAsync(HttpClient authority) => AuthorityAsync(authority, HttpMethod.Delete, $"api/v1/surveillance/indicators/{Name}");

    private FeedEvent Case(string recordId, int day) => new()
    {
        Source = Source,
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Lab,
        Date = Start.AddDays(day),
        Subject = new Subject { Mid = NewMid(), Birth = "1980-01", Sex = Sex.M, Pref = "13" },
        Data = new LabData { Code = _code, Value = 1, Unit = "%" },
    };
}
