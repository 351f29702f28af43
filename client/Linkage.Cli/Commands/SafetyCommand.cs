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

    private static Command Ssa() => AnswerFileCommand.Create(
        "ssa",
        $"{Name} ssa",
        "Sequence symmetry analysis: the attrition, then a pair's ratios, interval, p and signal, or a screening's ranked rows with q",
        "A safety-v1 sequence symmetry request (JSON): a pair, or a screening by code length",
        "safety-v1",
        "Also draw a pair's days from index to marker (both sides) to this PNG",
        (client, request, cancellationToken) => client.SequenceSymmetryAsync(request, cancellationToken),
        SsaAnswerTables.Write,
        SsaAnswerPlot.Save,
        answer => SsaAnswerPlot.CanDraw(answer)
            ? null
            : "--plot draws one pair's days from index to marker; a screening has none (ask for one of its codes as the marker)");

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
