using System.Text.Json;
using Linkage.Client.Http;
using Linkage.Feeds;

namespace Linkage.Bench;

/// <summary>
/// A safety-v1 monitor whose MaxSPRT signals: risk days 1–28, control 43–70 (p0 0.5), minEvents 4, maxEvents 50, so
/// the critical value is 3.475762 (the contract's first test vector). Five people with the outcome in the risk window
/// leave it watching (LLR(5, 5) = 5 ln 2 = 3.4657); the sixth crosses (LLR(6, 6) = 6 ln 2 = 4.1589).
/// </summary>
public sealed class MonitorCrossing : AlertCrossing
{
    private static readonly DateOnly DrugDay = new(2021, 3, 1);

    private readonly string _drug = "8" + Random.Shared.Next(100_000_000, 999_999_999);
    private readonly string _outcome = "JP:" + Random.Shared.Next(1_000_000, 9_999_999);
    private readonly string _name = "alat-" + Guid.NewGuid().ToString("N")[..12];

    public override string Name => _name;

    public override string AlertKey => AlertStreamListener.MonitorKey(Name);

    public override IReadOnlyList<string> CrossingLines() => RiskPerson(5);

    public override async Task PrepareAsync(LinkageApiClient operatorApi, HttpClient authority)
    {
        await AuthorityAsync(authority, HttpMethod.Post, "api/v1/safety/monitors", $$"""
            {"name":"{{Name}}","exposure":{"kind":"medication","code":"{{_drug}}"},"outcome":{"kind":"receipt","code":"{{_outcome}}"},
             "risk":{"from":1,"to":28},"control":{"from":43,"to":70},"runIn":30,"alpha":0.05,"minEvents":4,"maxEvents":50}
            """);
        await IngestAsync(operatorApi, [.. Enumerable.Range(0, 5).SelectMany(RiskPerson)]);
    }

    public override void Check(JsonElement alert) => Expect(alert,
        ("n", 6L, alert.GetProperty("n").GetInt64()),
        ("c", 6L, alert.GetProperty("c").GetInt64()),
        ("llr", 4.1589, alert.GetProperty("llr").GetDouble()),
        ("version", 1, alert.GetProperty("version").GetInt32()));

    public override Task EndAsync(HttpClient authority) => AuthorityAsync(authority, HttpMethod.Delete, $"api/v1/safety/monitors/{Name}");

    /// <summary>A person observed from 2020-01-01, with the drug on 2021-03-01 and the outcome 10 days later (the risk window).</summary>
    private string[] RiskPerson(int i)
    {
        var mid = NewMid();
        return
        [
            Line(Record($"start{i}", mid, new DateOnly(2020, 1, 1), new LabData { Code = "3D046000001920402", Value = 6.0 })),
            Line(Record($"drug{i}", mid, DrugDay, new MedicationData { Code = _drug })),
            Line(Record($"dx{i}", mid, DrugDay.AddDays(10), new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = _outcome }] })),
        ];
    }

    private FeedEvent Record(string recordId, string mid, DateOnly date, EventData data) => new()
    {
        Source = Source,
        RecordId = recordId,
        Version = 1,
        Kind = data.Kind,
        Date = date,
        Subject = new Subject { Mid = mid, Birth = "1950-03", Sex = Sex.F, Pref = "13" },
        Data = data,
    };
}
