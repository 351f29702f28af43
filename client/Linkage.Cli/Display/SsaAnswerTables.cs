using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>
/// A safety-v1 sequence symmetry answer as terminal tables: the attrition (a hidden step as "hidden"), then a pair's
/// counts, ratios, interval, p and signal, or a screening's ranked rows with q. Numbers are shown as the API wrote
/// them; a count of people as <see cref="CohortAnswerTables.CountText"/> shows it (<c>≈ n</c> when perturbed).
/// </summary>
public static class SsaAnswerTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The columns of a screening row, in the order the workbench shows them.</summary>
    public static readonly string[] RowFields = ["nAB", "nBA", "csr", "nsr", "asr", "asrLow", "asrHigh", "p", "signal", "q"];

    public static void Write(IAnsiConsole console, JsonElement answer)
    {
        ArgumentNullException.ThrowIfNull(console);
        var minCell = answer.GetProperty("minCell").GetInt32();
        var perturbed = Flag(answer, "perturbed");
        var exact = Flag(answer, "exact") ? ", exact" : "";
        console.MarkupLine(Markup.Escape($"Sequence symmetry (as of {answer.GetProperty("asOf").GetString()}, minCell {minCell}{exact})"));

        var attrition = new Table().Title("Attrition").Border(TableBorder.Rounded);
        attrition.AddColumn("step");
        attrition.AddColumn(new TableColumn("people").RightAligned());
        foreach (var step in answer.GetProperty("attrition").EnumerateArray())
        {
            var count = step.GetProperty("count");
            attrition.AddRow(new Text(step.GetProperty("step").GetString()!), new Text(count.ValueKind == JsonValueKind.Null ? "hidden" : Count(count, minCell, perturbed)));
        }

        console.Write(attrition);
        if (answer.TryGetProperty("rows", out var rows)) WriteScreening(console, answer, rows, minCell, perturbed);
        else WritePair(console, answer, minCell, perturbed);

        if (answer.GetProperty("attrition").EnumerateArray().Any(s => s.GetProperty("count").ValueKind == JsonValueKind.Null))
        {
            console.MarkupLine($"[grey]hidden: a step from 1 to {minCell - 1}, or one that would let a count that small be worked out from the others.[/]");
        }

        if (perturbed)
        {
            console.MarkupLine("[grey]Counts are perturbed (shown as ≈ n): each is within 2 of the exact count; the ratios, interval and p are computed from the counts shown.[/]");
        }
    }

    private static void WritePair(IAnsiConsole console, JsonElement answer, int minCell, bool perturbed)
    {
        var table = new Table().Title("Pair").Border(TableBorder.Rounded);
        table.AddColumn("");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var field in new[] { "nAB", "nBA", "csr", "nsr", "asr" }) table.AddRow(new Text(field), new Text(Value(answer, field, minCell, perturbed)));
        var low = answer.GetProperty("asrLow");
        table.AddRow(new Text("95% interval of asr"), new Text(low.ValueKind == JsonValueKind.Null ? Value(answer, "asrLow", minCell, perturbed) : $"{low.GetRawText()}–{Value(answer, "asrHigh", minCell, perturbed)}"));
        table.AddRow(new Text("p"), new Text(Value(answer, "p", minCell, perturbed)));
        table.AddRow(new Text("signal"), new Text(Value(answer, "signal", minCell, perturbed)));
        console.Write(table);
        if (answer.GetProperty("nAB").ValueKind == JsonValueKind.Null)
        {
            console.MarkupLine($"[grey]nAB or nBA is from 1 to {minCell - 1}: the counts, ratios, interval, p and signal are suppressed.[/]");
        }
    }

    private static void WriteScreening(IAnsiConsole console, JsonElement answer, JsonElement rows, int minCell, bool perturbed)
    {
        var table = new Table().Title("Screening").Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("code").NoWrap());
        foreach (var field in RowFields) table.AddColumn(new TableColumn(field).RightAligned());
        foreach (var row in rows.EnumerateArray())
        {
            table.AddRow([new Text(row.GetProperty("code").GetString()!), .. RowFields.Select(f => new Text(Value(row, f, minCell, perturbed)))]);
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Format(C, "{0:N0} code(s) screened; {1:N0} left out because nAB or nBA is from 1 to {2}; q is Benjamini–Hochberg over every code screened.",
            answer.GetProperty("screened").GetInt32(), answer.GetProperty("suppressedRows").GetInt32(), minCell - 1)));
    }

    /// <summary>
    /// A field as shown: a count of people as in every table, a ratio or p as the API wrote it, signal as yes or no;
    /// null as "suppressed" when the record's counts are, else "undefined" (safety-v1: csr is null when nBA is 0).
    /// </summary>
    private static string Value(JsonElement record, string field, int minCell, bool perturbed)
    {
        var value = record.GetProperty(field);
        return value.ValueKind switch
        {
            JsonValueKind.Null => record.GetProperty("nAB").ValueKind == JsonValueKind.Null ? "suppressed" : "undefined",
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ when field is "nAB" or "nBA" => Count(value, minCell, perturbed),
            _ => value.GetRawText(),
        };
    }

    private static string Count(JsonElement count, int minCell, bool perturbed) =>
        CohortAnswerTables.CountText(count.GetInt64(), minCell, perturbed: perturbed);

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;
}
