using System.CommandLine;
using System.Text.Json;
using Linkage.Cli.Display;
using Linkage.Client.Http;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// The shape of a command that sends one request file to the API and shows the answer: tables by default, the API's
/// JSON with <c>--json</c>, a PNG with <c>--plot FILE.png</c>; refusals through <see cref="ApiCall"/>, exit 1.
/// </summary>
internal static class AnswerFileCommand
{
    /// <param name="name">The command as the user typed it, first word of every message (<c>linkage benchmark</c>).</param>
    /// <param name="contract">The answer's contract, named when the answer does not read as it (<c>benchmark-v1</c>).</param>
    /// <param name="cannotDraw">Why this answer has no plot, or null when it has one.</param>
    public static Command Create(
        string verb,
        string name,
        string description,
        string fileDescription,
        string contract,
        string plotDescription,
        Func<LinkageApiClient, string, CancellationToken, Task<string>> send,
        Action<IAnsiConsole, JsonElement> writeTables,
        Action<JsonElement, string> savePlot,
        Func<JsonElement, string?>? cannotDraw = null) =>
        Create(verb, name, description, fileDescription, contract, plotDescription, "researcher or authority", send,
            text => JsonDocument.Parse(text).RootElement.Clone(), writeTables, savePlot, cannotDraw);

    /// <summary>The same, for an answer read into <typeparamref name="TAnswer"/> by <paramref name="read"/>.</summary>
    /// <param name="keyRoles">Who may send the request, as the key option's help names them.</param>
    public static Command Create<TAnswer>(
        string verb,
        string name,
        string description,
        string fileDescription,
        string contract,
        string plotDescription,
        string keyRoles,
        Func<LinkageApiClient, string, CancellationToken, Task<string>> send,
        Func<string, TAnswer> read,
        Action<IAnsiConsole, TAnswer> writeTables,
        Action<TAnswer, string> savePlot,
        Func<TAnswer, string?>? cannotDraw = null)
    {
        var file = new Argument<FileInfo>("file") { Description = fileDescription }.AcceptExistingOnly();
        var api = ApiOption.Create();
        var key = ApiKeyOption.Create(keyRoles, ApiKeyOption.DevelopmentResearcherKey);
        var json = new Option<bool>("--json") { Description = $"Print the answer as the API wrote it ({contract} JSON) instead of tables" };
        var plot = new Option<FileInfo?>("--plot") { Description = plotDescription };
        var command = new Command(verb, description)
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
            if (!await ApiCall.TryAsync(name, error, parse.GetValue(api), async () => text = await send(client, request, cancellationToken))) return 1;

            try
            {
                var answer = read(text);
                if (parse.GetValue(json)) await output.WriteLineAsync(text);
                else writeTables(OutputConsole.For(output), answer);
                if (parse.GetValue(plot) is { } png)
                {
                    if (cannotDraw?.Invoke(answer) is { } why)
                    {
                        await error.WriteLineAsync($"{name}: {why}");
                        return 1;
                    }

                    savePlot(answer, png.FullName);
                    await error.WriteLineAsync($"{name}: drew {png.FullName}");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await error.WriteLineAsync($"{name}: the API's answer is not {contract}: {ex.Message}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
