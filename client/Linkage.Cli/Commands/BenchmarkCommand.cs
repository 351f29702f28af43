using System.CommandLine;
using System.Text.Json;
using Linkage.Cli.Display;
using Linkage.Client.Http;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage benchmark FILE.json [--api URL] [--key KEY] [--json] [--plot FILE.png]</c>: sends a benchmark-v1 request to
/// <c>POST /api/v1/benchmarks</c> and prints the facilities as a table, or the server's reasons for refusing it.
/// </summary>
public static class BenchmarkCommand
{
    private const string Name = "linkage benchmark";

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A benchmark-v1 request (JSON)" }.AcceptExistingOnly();
        var api = ApiOption.Create();
        var key = ApiKeyOption.Create("researcher or authority", ApiKeyOption.DevelopmentResearcherKey);
        var json = new Option<bool>("--json") { Description = "Print the answer as the API wrote it (benchmark-v1 JSON) instead of a table" };
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw the funnel plot to this PNG" };
        var command = new Command("benchmark", "Benchmark facilities: send a benchmark-v1 request and show each facility's SMR, limits and flag")
        {
            file, api, key, json, plot,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken);
            var client = LinkageApiClient.Create(ApiOption.BaseAddresses(parse, api), ApiKeyOption.Key(parse, key, ApiKeyOption.DevelopmentResearcherKey));
            var text = "";
            if (!await ApiCall.TryAsync(Name, error, parse.GetValue(api), async () => text = await client.BenchmarkAsync(request, cancellationToken))) return 1;

            try
            {
                using var answer = JsonDocument.Parse(text);
                if (parse.GetValue(json)) await output.WriteLineAsync(text);
                else BenchmarkAnswerTable.Write(OutputConsole.For(output), answer.RootElement);
                if (parse.GetValue(plot) is { } png)
                {
                    BenchmarkAnswerPlot.Save(answer.RootElement, png.FullName);
                    await error.WriteLineAsync($"{Name}: drew {png.FullName}");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await error.WriteLineAsync($"{Name}: the API's answer is not benchmark-v1: {ex.Message}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
