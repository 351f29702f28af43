using System.CommandLine;
using System.Text.Json;
using Linkage.Cli.Display;
using Linkage.Client.Http;
using Linkage.Cohorts;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage query FILE.json [--api URL] [--key KEY] [--json] [--plot FILE.png]</c>: sends a cohort-v1 definition to
/// <c>POST /api/v1/cohorts/count</c> and prints the groups and life tables, or the server's reasons for refusing it.
/// </summary>
public static class QueryCommand
{
    private const string Name = "linkage query";

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A cohort-v1 definition (JSON)" }.AcceptExistingOnly();
        var api = ApiOption.Create();
        var key = ApiKeyOption.Create("researcher", ApiKeyOption.DevelopmentResearcherKey);
        var json = new Option<bool>("--json") { Description = "Print the answer as the API wrote it (cohort-v1 JSON) instead of tables" };
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw the groups as bars and the survival curves to this PNG" };
        var command = new Command("query", "Count a cohort: send a cohort-v1 definition and show the groups and survival")
        {
            file, api, key, json, plot,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var definition = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken);
            var client = LinkageApiClient.Create(ApiOption.BaseAddresses(parse, api), ApiKeyOption.Key(parse, key, ApiKeyOption.DevelopmentResearcherKey));
            var text = "";
            if (!await ApiCall.TryAsync(Name, error, parse.GetValue(api), async () => text = await client.CountCohortAsync(definition, cancellationToken))) return 1;

            CohortAnswer answer;
            try
            {
                answer = CohortAnswerJson.Read(text);
            }
            catch (JsonException ex)
            {
                await error.WriteLineAsync($"{Name}: the API's answer is not cohort-v1: {ex.Message}");
                return 1;
            }

            if (parse.GetValue(json)) await output.WriteLineAsync(text);
            else CohortAnswerTables.Write(OutputConsole.For(output), answer);

            if (parse.GetValue(plot) is { } png)
            {
                CohortAnswerPlot.Save(answer, png.FullName);
                await error.WriteLineAsync($"{Name}: drew {png.FullName}");
            }

            return 0;
        });
        return command;
    }
}
