using System.Net;
using System.Text;
using Linkage.Alerts;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Safety;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.DrugSafety;

/// <summary>A monitor on a drug and an outcome no one else has, and the records that make it signal.</summary>
internal sealed class MonitorFeed
{
    public string Name { get; } = "m-" + Guid.NewGuid().ToString("N")[..12];

    public string Drug { get; } = "8" + Random.Shared.Next(100_000_000, 999_999_999);

    public string Outcome { get; } = "JP:" + Random.Shared.Next(1_000_000, 9_999_999);

    /// <summary>risk 1–28, control 43–70 (p0 0.5), minEvents 4, maxEvents 50: cv 3.475762 (safety-v1's first test vector).</summary>
    public string Definition => $$"""
        {"name":"{{Name}}","exposure":{"kind":"medication","code":"{{Drug}}"},"outcome":{"kind":"receipt","code":"{{Outcome}}"},
         "risk":{"from":1,"to":28},"control":{"from":43,"to":70},"runIn":30,"alpha":0.05,"minEvents":4,"maxEvents":50}
        """;

    /// <summary><paramref name="people"/> people, observed from 2020-01-01, with the drug on 2021-03-01 and the outcome 10 days later (risk).</summary>
    public FeedEvent[] RiskEvents(int people)
    {
        var source = NewSource();
        var drugDay = new DateOnly(2021, 3, 1);
        return [.. Enumerable.Range(0, people).SelectMany(i =>
        {
            var mid = NewMid();
            return new[]
            {
                Record(source, $"start{i}", mid, new DateOnly(2020, 1, 1), new LabData { Code = "3D046000001920402", Value = 6.0 }),
                Record(source, $"drug{i}", mid, drugDay, new MedicationData { Code = Drug }),
                Record(source, $"dx{i}", mid, drugDay.AddDays(10), new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = Outcome }] }),
            };
        })];
    }

    public async Task StartAsync(TestCluster cluster)
    {
        using var client = LinkageHttpFront.Of(cluster).Client(LinkageHttpFront.AuthorityKey);
        using var response = await client.PostAsync("/api/v1/safety/monitors", new StringContent(Definition, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"starting the monitor answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits, on the monitor's own signal (no polling), until it has evaluated a view that <paramref name="holds"/>.</summary>
    public async Task<MonitorView> WaitAsync(IGrainFactory grains, Func<MonitorView, bool> holds)
    {
        var monitor = grains.GetGrain<ISafetyMonitorGrain>(Name);
        var view = await monitor.Get() ?? throw new InvalidOperationException($"monitor {Name} is not watching");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!holds(view))
        {
            view = await monitor.Evaluated(view.Evaluations).WaitAsync(deadline.Token) ?? throw new InvalidOperationException($"monitor {Name} ended");
        }

        return view;
    }

    /// <summary>This monitor's alerts in the log.</summary>
    public async Task<List<LoggedAlert>> AlertsAsync(IGrainFactory grains)
    {
        var found = new List<LoggedAlert>();
        for (long after = 0; ;)
        {
            var page = await AlertLog.Of(grains).Read(after, 500);
            if (page.Alerts.IsEmpty) return found;
            found.AddRange(page.Alerts.Where(a => a.Alert.Monitor == Name));
            after = page.Alerts[^1].Position;
        }
    }
}
