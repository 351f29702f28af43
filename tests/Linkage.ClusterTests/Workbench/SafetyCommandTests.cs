using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Workbench;

/// <summary><c>linkage safety ssa</c> and <c>linkage safety monitors</c> against the workbench host, over a pair computed by hand.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class SafetyCommandTests(WorkbenchFixture fixture) : IDisposable
{
    private static readonly DateOnly DrugDay = new(2021, 3, 1);

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linkage-safety-");

    /// <summary>
    /// 30 people observed from 2020-01-01 start a drug no one else takes on 2021-03-01; 20 get a diagnosis no one else
    /// has 10 days later, 10 had it 10 days before. nAB 20, nBA 10, csr 2; the null-effect share is 30·20 / (30·30) =
    /// 2/3, so nsr 2 and asr 1. Jeffreys Beta(20.5, 10.5) and the tail of Binomial(30, 2/3) at 20 by mpmath 1.3:
    /// interval 0.4782–2.1885, p 0.58476; no signal.
    /// </summary>
    private async Task<(string Drug, string Diagnosis)> IngestPairAsync()
    {
        var source = NewSource();
        var drug = "9" + Random.Shared.Next(100_000_000, 999_999_999);
        var diagnosis = "JP:" + Random.Shared.Next(1_000_000, 9_999_999);
        var events = new List<FeedEvent>();
        for (var person = 0; person < 30; person++)
        {
            var mid = NewMid();
            events.Add(Record(source, $"start{person}", mid, new DateOnly(2020, 1, 1), new LabData { Code = "3D046000001920402", Value = 6.0 }));
            events.Add(Record(source, $"drug{person}", mid, DrugDay, new MedicationData { Code = drug }));
            events.Add(Record(source, $"dx{person}", mid, DrugDay.AddDays(person < 20 ? 10 : -10),
                new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = diagnosis }] }));
        }

        using var client = fixture.Client(WorkbenchFixture.OperatorKey);
        using var response = await client.PostAsync("api/v1/ingest", new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() == events.Count, $"ingest answered {(int)response.StatusCode}: {body}");
        return (drug, diagnosis);
    }

    private static string PairRequest(string drug, string diagnosis) =>
        $$"""{"index":{"kind":"medication","code":"{{drug}}"},"marker":{"kind":"receipt","code":"{{diagnosis}}"},"window":30,"runIn":365}""";

    [Fact]
    public async Task Ssa_of_a_pair_prints_the_attrition_the_ratios_the_interval_p_and_signal_computed_by_hand()
    {
        var (drug, diagnosis) = await IngestPairAsync();
        var file = Write("pair.json", PairRequest(drug, diagnosis));

        var (exit, output, error) = await LinkageCli.RunAsync("safety", "ssa", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.True(exit == 0, $"linkage safety ssa exited {exit}: {error}");
        var rows = Rows(output).ToDictionary(r => r[0], r => r[1]);
        foreach (var (step, count) in new[] { ("incident index", "30"), ("incident marker", "30"), ("both", "30"), ("within window", "30"), ("without ties", "30") })
        {
            Assert.True(rows.TryGetValue(step, out var shown) && shown == count, $"{step}: expected {count}, printed\n{output}");
        }

        var expected = new Dictionary<string, string>
        {
            ["nAB"] = "20", ["nBA"] = "10", ["csr"] = "2", ["nsr"] = "2", ["asr"] = "1",
            ["95% interval of asr"] = "0.4782–2.1885", ["p"] = "0.58476", ["signal"] = "no",
        };
        foreach (var (field, value) in expected) Assert.True(rows.TryGetValue(field, out var shown) && shown == value, $"{field}: expected {value}, printed\n{output}");
        Assert.Contains("minCell 10", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssa_with_json_prints_the_answer_as_the_API_wrote_it_and_the_authority_sees_it_exact()
    {
        var (drug, diagnosis) = await IngestPairAsync();
        var request = PairRequest(drug, diagnosis);
        var file = Write("pair.json", request);

        var (exit, output, error) = await LinkageCli.RunAsync("safety", "ssa", file, "--json", "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey);

        Assert.True(exit == 0, $"linkage safety ssa --json exited {exit}: {error}");
        var (status, body) = await fixture.SsaAsync(request, WorkbenchFixture.AuthorityKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(WithoutAsOf(body), WithoutAsOf(output)), $"expected {body}\nprinted {output}");
        Assert.True(JsonNode.Parse(output)!["exact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ssa_with_plot_draws_the_pairs_days_from_index_to_marker_and_refuses_it_for_a_screening()
    {
        var (drug, diagnosis) = await IngestPairAsync();
        var pair = Write("pair.json", PairRequest(drug, diagnosis));
        var png = Path.Combine(_scratch.FullName, "days.png");

        var (exit, _, error) = await LinkageCli.RunAsync("safety", "ssa", pair, "--plot", png, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.True(exit == 0, $"linkage safety ssa --plot exited {exit}: {error}");
        Assert.Contains($"drew {png}", error, StringComparison.Ordinal);
        var image = await File.ReadAllBytesAsync(png);
        Assert.True(image.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "the plot should be a PNG");
        Assert.Equal((1000, 450), (BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20))));

        var screening = Write("screening.json", $$"""{"index":{"kind":"medication","code":"{{drug}}"},"marker":{"kind":"receipt","codeLength":{{diagnosis.Length}}},"window":30}""");
        var (refused, _, reason) = await LinkageCli.RunAsync("safety", "ssa", screening, "--plot", png, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);
        Assert.Equal(1, refused);
        Assert.Contains("a screening has none", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssa_of_a_screening_prints_the_ranked_rows_with_q_and_the_hand_computed_row_of_the_code()
    {
        var (drug, diagnosis) = await IngestPairAsync();
        var request = $$"""{"index":{"kind":"medication","code":"{{drug}}"},"marker":{"kind":"receipt","codeLength":{{diagnosis.Length}}},"window":30}""";
        var file = Write("screening.json", request);

        var (exit, output, error) = await LinkageCli.RunAsync("safety", "ssa", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.True(exit == 0, $"linkage safety ssa exited {exit}: {error}");
        var rows = Rows(output);
        Assert.Contains(rows, r => r is ["code", "nAB", "nBA", "csr", "nsr", "asr", "asrLow", "asrHigh", "p", "signal", "q"]);
        var row = Assert.Single(rows, r => r[0] == diagnosis);
        Assert.Equal(["20", "10", "2", "2", "1", "0.4782", "2.1885", "0.58476", "no"], row[1..10]);

        // q depends on every code of that length the host holds: the API's own is the one to show.
        var (_, body) = await fixture.SsaAsync(request);
        var answer = JsonNode.Parse(body)!;
        var q = answer["rows"]!.AsArray().Single(r => (string?)r!["code"] == diagnosis)!["q"]!.ToJsonString();
        Assert.Equal(q, row[10]);
        Assert.Contains($"{answer["screened"]} code(s) screened; {answer["suppressedRows"]} left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_prints_the_servers_reasons_and_exits_1()
    {
        var file = Write("bad.json", """{"index":{"kind":"medication"},"marker":{"kind":"death"},"window":0}""");

        var (exit, _, error) = await LinkageCli.RunAsync("safety", "ssa", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.Equal(1, exit);
        Assert.Contains("400", error, StringComparison.Ordinal);
        Assert.Contains("window: must be from 1 to 3650 days, not 0", error, StringComparison.Ordinal);

        var (forbidden, _, reason) = await LinkageCli.RunAsync("safety", "monitors", "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);
        Assert.Equal(1, forbidden);
        Assert.Contains($"{(int)HttpStatusCode.Forbidden}", reason, StringComparison.Ordinal);
        Assert.Contains("does not carry the role", reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Risk days 29..56, control 1..28 (p0 = 28 / 56 = 0.5): the 20 diagnoses 10 days after the drug fall in the
    /// control window, so n 20, c 0, LLR 0 (c / n below p0) and the monitor watches. minEvents 4, maxEvents 50,
    /// alpha 0.05 is safety-v1's first test vector: cv 3.475762, alphaSpent 0.038805.
    /// </summary>
    [Fact]
    public async Task Monitors_start_list_show_and_stop_print_the_monitors_hand_computed_state()
    {
        var (drug, diagnosis) = await IngestPairAsync();
        var name = "cli-" + Guid.NewGuid().ToString("N")[..12];
        var file = Write("monitor.json", $$"""
            {"name":"{{name}}","exposure":{"kind":"medication","code":"{{drug}}"},"outcome":{"kind":"receipt","code":"{{diagnosis}}"},
             "risk":{"from":29,"to":56},"control":{"from":1,"to":28},"alpha":0.05,"minEvents":4,"maxEvents":50}
            """);
        string[] state = ["20", "0", "0", "3.475762", "0.038805", "watching", "0"];

        var started = await Monitors("start", file);
        Assert.Equal(state, Assert.Single(Rows(started), r => r[0] == name)[1..]);

        var listed = await Monitors();
        Assert.Equal(state, Assert.Single(Rows(listed), r => r[0] == name)[1..]);

        var shown = await Monitors("show", name);
        Assert.Equal(state, Assert.Single(Rows(shown), r => r[0] == name)[1..]);

        var stopped = await Monitors("stop", name);
        Assert.Equal(state, Assert.Single(Rows(stopped), r => r[0] == name)[1..]);

        var (exit, _, error) = await LinkageCli.RunAsync("safety", "monitors", "show", name, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey);
        Assert.Equal(1, exit);
        Assert.Contains("404", error, StringComparison.Ordinal);
        Assert.Contains($"no monitor named {name}", error, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private async Task<string> Monitors(params string[] arguments)
    {
        var (exit, output, error) = await LinkageCli.RunAsync(["safety", "monitors", .. arguments, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.AuthorityKey]);
        Assert.True(exit == 0, $"linkage safety monitors {string.Join(' ', arguments)} exited {exit}: {error}");
        return output;
    }

    /// <summary>The cells of every row of the Spectre tables printed (header rows included).</summary>
    private static List<string[]> Rows(string output) =>
        [.. output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(c => c.Length > 2).Select(c => c[1..^1])];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonNode WithoutAsOf(string json)
    {
        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("asOf");
        return node;
    }
}
