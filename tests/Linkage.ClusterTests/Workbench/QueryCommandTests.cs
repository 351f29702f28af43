using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.ClusterTests.Infrastructure;

namespace Linkage.ClusterTests.Workbench;

/// <summary><c>linkage query FILE.json</c> against the workbench host: the API's numbers in tables, as JSON, and drawn to a PNG.</summary>
[Collection(WorkbenchCollection.Name)]
public sealed class QueryCommandTests(WorkbenchFixture fixture) : IDisposable
{
    private const string Definition = """
        {"entry":{"kind":"receipt","code":"I10"},"require":[{"kind":"lab","from":-365,"to":365}],
         "outcome":{"kind":"receipt","code":"J","to":1095},"groupBy":["sex","entryYear","outcome"],"survival":{"step":90}}
        """;

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("linkage-query-");

    [Fact]
    public async Task Query_prints_each_group_and_life_table_the_API_answers_and_draws_them_to_a_PNG()
    {
        var file = Write("cohort.json", Definition);
        var png = Path.Combine(_scratch.FullName, "cohort.png");

        var (exit, output, error) = await LinkageCli.RunAsync("query", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey, "--plot", png);

        Assert.True(exit == 0, $"linkage query exited {exit}: {error}");
        var (_, body) = await fixture.CountAsync(Definition);
        var answer = JsonDocument.Parse(body).RootElement;
        var minCell = answer.GetProperty("minCell").GetInt32();
        var rows = output.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).Where(c => c.Length > 2).Select(c => c[1..^1]).ToList();
        Assert.Contains($"Total {ShownCounts.Text(answer.GetProperty("total"), minCell, ShownCounts.Flag(answer, "totalComplementary"))}", output);
        foreach (var group in answer.GetProperty("groups").EnumerateArray())
        {
            string[] expected = [.. group.GetProperty("key").EnumerateObject().Select(p => p.Value.GetString()!), ShownCounts.Text(group.GetProperty("count"), minCell, ShownCounts.Flag(group, "complementary"))];
            Assert.True(rows.Any(r => r.SequenceEqual(expected)), $"expected a row [{string.Join(", ", expected)}] in:\n{output}");
        }

        Assert.Contains(rows, r => r[^1] == $"< {minCell}");
        var tables = answer.GetProperty("survival").EnumerateArray().ToList();
        Assert.Equal(tables.Count, output.Split('\n').Count(l => l.Trim().StartsWith("Survival: ", StringComparison.Ordinal)));
        foreach (var interval in tables.SelectMany(t => t.GetProperty("intervals").EnumerateArray()))
        {
            var days = $"{interval.GetProperty("from").GetInt32()}–{interval.GetProperty("to").GetInt32()}";
            var survival = interval.GetProperty("survival").GetDouble().ToString("0.0000", CultureInfo.InvariantCulture);
            Assert.Contains(rows, r => r[0] == days && r[^1] == survival);
        }

        var image = await File.ReadAllBytesAsync(png);
        Assert.True(image.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "the plot should be a PNG");
        Assert.Equal((1000, 900), (BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20))));
    }

    [Fact]
    public async Task Query_with_json_prints_the_answer_as_the_API_wrote_it()
    {
        var file = Write("cohort.json", Definition);

        var (exit, output, error) = await LinkageCli.RunAsync("query", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey, "--json");

        Assert.True(exit == 0, $"linkage query exited {exit}: {error}");
        var (_, body) = await fixture.CountAsync(Definition);
        Assert.True(JsonNode.DeepEquals(WithoutAsOf(body), WithoutAsOf(output)), $"expected {body}\nprinted {output}");
    }

    [Fact]
    public async Task Given_several_silos_the_query_goes_to_one_that_answers_when_the_first_is_not_there()
    {
        var file = Write("cohort.json", Definition);
        var gone = new Uri($"http://127.0.0.1:{LocalMachine.FreePort()}/");

        var (exit, output, error) = await LinkageCli.RunAsync("query", file, "--api", $"{gone},{fixture.BaseAddress}", "--key", WorkbenchFixture.ResearcherKey, "--json");

        Assert.True(exit == 0, $"linkage query with {gone} (nothing listening) before {fixture.BaseAddress} exited {exit}: {error}");
        var (_, body) = await fixture.CountAsync(Definition);
        Assert.True(JsonNode.DeepEquals(WithoutAsOf(body), WithoutAsOf(output)), $"expected {body}\nprinted {output}");
    }

    [Fact]
    public async Task A_refused_definition_prints_the_servers_reasons_and_exits_1()
    {
        var file = Write("bad.json", """{"entry":{"kind":"receipt"},"require":[{"kind":"lab","from":1.5}]}""");

        var (exit, _, error) = await LinkageCli.RunAsync("query", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.ResearcherKey);

        Assert.Equal(1, exit);
        Assert.Contains("400", error);
        Assert.Contains("require[0].from: must be a whole number of days, not 1.5", error);
    }

    [Fact]
    public async Task An_operator_key_is_refused_with_the_servers_reason()
    {
        var file = Write("cohort.json", Definition);

        var (exit, _, error) = await LinkageCli.RunAsync("query", file, "--api", fixture.BaseAddress.ToString(), "--key", WorkbenchFixture.OperatorKey);

        Assert.Equal(1, exit);
        Assert.Contains($"{(int)HttpStatusCode.Forbidden}", error);
        Assert.Contains("does not carry the role", error);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonNode WithoutAsOf(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("asOf");
        return node;
    }
}
