using System.CommandLine;
using System.Text.Json;
using Linkage.Cli.Display;
using Linkage.Client.Http;
using Spectre.Console;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage surveillance define NAME FILE.json</c>, <c>series NAME [--pref 13]</c> (a table) and <c>alerts</c> (one line
/// an alert of <c>GET /api/v1/alerts</c>): surveillance-v1 for the authority role.
/// </summary>
public static class SurveillanceCommand
{
    private const string Name = "linkage surveillance";

    public static Command Create() => new("surveillance", "Surveillance indicators, their daily series and the alerts (authority)")
    {
        Define(), Series(), Alerts(),
    };

    private static Command Define()
    {
        var name = new Argument<string>("name") { Description = "The indicator's name ([a-z0-9][a-z0-9-]{0,63})" };
        var file = new Argument<FileInfo>("file") { Description = "A surveillance-v1 indicator (JSON: anyOf, episodeDays)" }.AcceptExistingOnly();
        var (api, key) = (ApiOption.Create(), ApiKeyOption.Create("authority", ApiKeyOption.DevelopmentAuthorityKey));
        var command = new Command("define", "Define or replace an indicator") { name, file, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async client =>
        {
            var definition = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(await client.DefineIndicatorAsync(parse.GetValue(name)!, definition, cancellationToken));
        }));
        return command;
    }

    private static Command Series()
    {
        var name = new Argument<string>("name") { Description = "The indicator's name" };
        var pref = new Option<string>("--pref") { Description = "A prefecture code 01..47, unknown or all (default all)", DefaultValueFactory = _ => "all" };
        var (api, key) = (ApiOption.Create(), ApiKeyOption.Create("authority", ApiKeyOption.DevelopmentAuthorityKey));
        var command = new Command("series", "An indicator's daily counts and EARS C1-C3 statistics as a table") { name, pref, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async client =>
        {
            var lines = await client.IndicatorSeriesAsync(parse.GetValue(name)!, parse.GetValue(pref)!, cancellationToken);
            var table = new Table().AddColumns("day", "pref", "count", "c1", "c2", "c3", "alarm");
            foreach (var line in Lines(lines))
            {
                // Spectre reads markup in strings; the cells are plain text.
                table.AddRow([.. new[] { "day", "pref", "count", "c1", "c2", "c3" }.Select(f => new Text(Text(line, f))),
                    new Text(string.Join(",", line.GetProperty("alarm").EnumerateArray().Select(a => a.GetString())))]);
            }

            OutputConsole.For(parse.InvocationConfiguration.Output).Write(table);
        }));
        return command;
    }

    private static Command Alerts()
    {
        var (api, key) = (ApiOption.Create(), ApiKeyOption.Create("authority", ApiKeyOption.DevelopmentAuthorityKey));
        var follow = new Option<bool>("--follow") { Description = "Keep printing alerts as they are raised (the alert stream), until interrupted" };
        var count = new Option<int?>("--count") { Description = "With --follow, stop after this many alerts" };
        var command = new Command("alerts", "The alerts and withdrawals so far, oldest first, one a line") { follow, count, api, key };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, api, key, async client =>
        {
            if (parse.GetValue(follow))
            {
                var left = parse.GetValue(count) ?? int.MaxValue;
                await foreach (var item in client.FollowAlertsAsync(cancellationToken: cancellationToken))
                {
                    await parse.InvocationConfiguration.Output.WriteLineAsync(Line(JsonDocument.Parse(item.Data).RootElement));
                    await parse.InvocationConfiguration.Output.FlushAsync(cancellationToken);
                    if (--left == 0) return;
                }

                return;
            }

            // One line an alert (an id is long, a table would wrap): time, version, what, and "withdrawn" when it is.
            var output = parse.InvocationConfiguration.Output;
            foreach (var alert in Lines(await client.AlertsAsync(cancellationToken))) await output.WriteLineAsync(Line(alert));
        }));
        return command;
    }

    /// <summary>An alert on one line: time, version, what, and "withdrawn" when it is.</summary>
    private static string Line(JsonElement alert)
    {
        var what = Text(alert, "source") == "surveillance"
            ? $"surveillance {Text(alert, "indicator")} pref {Text(alert, "pref")} {Text(alert, "day")} {Text(alert, "detector")} count {Text(alert, "count")} statistic {Text(alert, "statistic")}"
            : $"safety {Text(alert, "monitor")} n {Text(alert, "n")} c {Text(alert, "c")} llr {Text(alert, "llr")}";
        var withdrawn = alert.TryGetProperty("withdrawn", out var w) && w.ValueKind == JsonValueKind.True ? " withdrawn" : string.Empty;
        return $"{Text(alert, "at")} v{Text(alert, "version")} {what}{withdrawn}";
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string> api, Option<string?> key, Func<LinkageApiClient, Task> run)
    {
        var error = parse.InvocationConfiguration.Error;
        var client = LinkageApiClient.Create(ApiOption.BaseAddresses(parse, api), ApiKeyOption.Key(parse, key, ApiKeyOption.DevelopmentAuthorityKey));
        return await ApiCall.TryAsync(Name, error, parse.GetValue(api), () => run(client)) ? 0 : 1;
    }

    private static IEnumerable<JsonElement> Lines(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonDocument.Parse(l).RootElement);

    /// <summary>A field as the API wrote it (numbers unchanged, strings unquoted), "–" when absent or null.</summary>
    private static string Text(JsonElement line, string field) =>
        !line.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null ? "–"
        : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
