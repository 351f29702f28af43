using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;

namespace Linkage.ClusterTests.Workbench;

/// <summary><c>linkage benchmark FILE.json</c> against the workbench host: the API's answer as a table or as JSON, and its refusals.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class BenchmarkCommandTests(WorkbenchFixture fixture) : IDisposable
{
    private const string Request = """{"indicator":{"entry":{"kind":"receipt"},"outcome":{"kind":"death","from":0,"to":365}},"adjust":["sex"]}""";

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linkage-benchmark-");

    [Fact]
    public async Task Benchmark_prints_each_facility_and_the_unattributed_people_the_API_answers()
    {
        var file = Write("benchmark.json", Request);

        var (exit, output, error) = await LinkageCli.RunAsync("benchmark", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.True(exit == 0, $"linkage benchmark exited {exit}: {error}");
        var answer = JsonDocument.Parse(await PostAsync(Request)).RootElement;
        var minCell = answer.GetProperty("minCell").GetInt32();
        var unattributed = answer.GetProperty("unattributed");
        Assert.Contains($"unattributed {(unattributed.ValueKind == JsonValueKind.Null ? $"< {minCell}" : unattributed.GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture))}", output);
        var rows = output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(c => c.Length > 2).Select(c => c[1..^1]).ToList();
        foreach (var facility in answer.GetProperty("facilities").EnumerateArray())
        {
            Assert.Contains(rows, r => r[0] == facility.GetProperty("facility").GetString() && r[^1] == facility.GetProperty("flag").GetString());
        }
    }

    [Fact]
    public async Task Benchmark_with_plot_draws_the_funnel_to_a_PNG()
    {
        var file = Write("benchmark.json", Request);
        var png = Path.Combine(_scratch.FullName, "funnel.png");

        var (exit, _, error) = await LinkageCli.RunAsync("benchmark", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey, "--plot", png);

        Assert.True(exit == 0, $"linkage benchmark exited {exit}: {error}");
        Assert.Contains($"drew {png}", error);
        var image = await File.ReadAllBytesAsync(png);
        Assert.True(image.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "the plot should be a PNG");
        Assert.Equal((1000, 650), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20))));
    }

    [Fact]
    public async Task Benchmark_with_json_prints_the_answer_as_the_API_wrote_it()
    {
        var file = Write("benchmark.json", Request);

        var (exit, output, error) = await LinkageCli.RunAsync("benchmark", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey, "--json");

        Assert.True(exit == 0, $"linkage benchmark exited {exit}: {error}");
        var body = await PostAsync(Request);
        Assert.True(JsonNode.DeepEquals(WithoutAsOf(body), WithoutAsOf(output)), $"expected {body}\nprinted {output}");
    }

    [Fact]
    public async Task A_refused_request_prints_the_servers_reasons_and_exits_1()
    {
        var file = Write("bad.json", """{"indicator":{"entry":{"kind":"receipt"}},"adjust":["entryYear"]}""");

        var (exit, _, error) = await LinkageCli.RunAsync("benchmark", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.Equal(1, exit);
        Assert.Contains("indicator.outcome: required", error);
        Assert.Contains("adjust[0]: \"entryYear\" is not an adjustment key (sex, age10, pref)", error);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private async Task<string> PostAsync(string request)
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WorkbenchFixture.ResearcherKey);
        using var response = await client.PostAsync("api/v1/benchmarks", new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"benchmark answered {(int)response.StatusCode}: {body}");
        return body;
    }

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
