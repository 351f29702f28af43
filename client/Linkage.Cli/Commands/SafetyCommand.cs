using System.CommandLine;
using System.Text.Json;
using Linkage.Cli.Display;
using Linkage.Client.Http;

namespace Linkage.Cli.Commands;

/// <summary>
/// Drug safety (safety-v1): <c>linkage safety ssa FILE.json [--json] [--plot FILE.png]</c> sends a sequence symmetry
/// request to <c>POST /api/v1/safety/ssa</c> and prints the attrition and the pair's ratios or the screening's rows;
/// <c>linkage safety monitors [start FILE.json | show NAME | stop NAME]</c> lists, starts, reads and ends monitors
/// (the authority role).
/// </summary>
public static class SafetyCommand
{
    private const string Name = "linkage safety";

    public static Command Create() => new("safety", "Drug safety: sequence symmetry analysis and sequential monitors (safety-v1)")
    {
        Ssa(), Monitors(),
    };

    private static Command Ssa()
    {
        var file = new Argument<FileInfo>("file") { Description = "A safety-v1 sequence symmetry request (JSON): a pair, or a screening by code length" }.AcceptExistingOnly();
        var api = ApiOption.Create();
        var key = ApiKeyOption.Create("researcher or authority", ApiKeyOption.DevelopmentResearcherKey);
        var json = new Option<bool>("--json") { Description = "Print the answer as the API wrote it (safety-v1 JSON) instead of tables" };
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw a pair's days from index to marker (both sides) to this PNG" };
        var command = new Command("ssa", "Sequence symmetry analysis: the attrition, then a pair's ratios, interval, p and signal, or a screening's ranked rows with q")
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
            if (!await ApiCall.TryAsync($"{Name} ssa", error, parse.GetValue(api), async () => text = await client.SequenceSymmetryAsync(request, cancellationToken))) return 1;

            try
            {
                using var answer = JsonDocument.Parse(text);
                if (parse.GetValue(json)) await output.WriteLineAsync(text);
                else SsaAnswerTables.Write(OutputConsole.For(output), answer.RootElement);
                if (parse.GetValue(plot) is { } png)
                {
                    if (!SsaAnswerPlot.CanDraw(answer.RootElement))
                    {
                        await error.WriteLineAsync($"{Name} ssa: --plot draws one pair's days from index to marker; a screening has none (ask for one of its codes as the marker)");
                        return 1;
                    }

                    SsaAnswerPlot.Save(answer.RootElement, png.FullName);
                    await error.WriteLineAsync($"{Name} ssa: drew {png.FullName}");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await error.WriteLineAsync($"{Name} ssa: the API's answer is not safety-v1: {ex.Message}");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Command Monitors()
    {
        var (api, key) = Authority();
        var command = new Command("monitors", "The safety monitors with their n, c, LLR, critical value and state (authority)")
        {
            api, key, StartMonitor(), ShowMonitor(), StopMonitor(),
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async (client, console) =>
        {
            using var answer = JsonDocument.Parse(await client.SafetyMonitorsAsync(cancellationToken));
            SafetyMonitorTables.Write(console, [.. answer.RootElement.GetProperty("monitors").EnumerateArray()]);
        }));
        return command;
    }

    private static Command StartMonitor()
    {
        var file = new Argument<FileInfo>("file") { Description = "A safety-v1 monitor (JSON: name, exposure, outcome, risk, control, ...)" }.AcceptExistingOnly();
        var (api, key) = Authority();
        var command = new Command("start", "Start a monitor; prints it with its state over the current records") { file, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async (client, console) =>
        {
            var definition = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken);
            using var answer = JsonDocument.Parse(await client.StartSafetyMonitorAsync(definition, cancellationToken));
            SafetyMonitorTables.WriteOne(console, answer.RootElement);
        }));
        return command;
    }

    private static Command ShowMonitor()
    {
        var name = new Argument<string>("name") { Description = "The monitor's name" };
        var (api, key) = Authority();
        var command = new Command("show", "One monitor: its state and the signals it raised") { name, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async (client, console) =>
        {
            using var answer = JsonDocument.Parse(await client.SafetyMonitorAsync(parse.GetValue(name)!, cancellationToken));
            SafetyMonitorTables.WriteOne(console, answer.RootElement);
        }));
        return command;
    }

    private static Command StopMonitor()
    {
        var name = new Argument<string>("name") { Description = "The monitor's name" };
        var (api, key) = Authority();
        var command = new Command("stop", "End a monitor; prints it as it was last") { name, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async (client, console) =>
        {
            using var answer = JsonDocument.Parse(await client.EndSafetyMonitorAsync(parse.GetValue(name)!, cancellationToken));
            SafetyMonitorTables.WriteOne(console, answer.RootElement);
        }));
        return command;
    }

    private static (Option<string> Api, Option<string?> Key) Authority() =>
        (ApiOption.Create(), ApiKeyOption.Create("authority", ApiKeyOption.DevelopmentAuthorityKey));

    private static async Task<int> RunAsync(ParseResult parse, Option<string> api, Option<string?> key, Func<LinkageApiClient, Spectre.Console.IAnsiConsole, Task> run)
    {
        var client = LinkageApiClient.Create(ApiOption.BaseAddresses(parse, api), ApiKeyOption.Key(parse, key, ApiKeyOption.DevelopmentAuthorityKey));
        var console = OutputConsole.For(parse.InvocationConfiguration.Output);
        return await ApiCall.TryAsync($"{Name} monitors", parse.InvocationConfiguration.Error, parse.GetValue(api), () => run(client, console)) ? 0 : 1;
    }
}
