using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>A benchmark-v1 answer as a terminal table: each facility's people, observed (withheld as <c>&lt; minCell</c>), expected, SMR, limits and flag.</summary>
public static class BenchmarkAnswerTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, JsonElement answer)
    {
        var minCell = answer.GetProperty("minCell").GetInt32();
        var unattributed = answer.GetProperty("unattributed");
        var adjust = string.Join(", ", answer.GetProperty("adjust").EnumerateArray().Select(k => k.GetString()));
        console.MarkupLine(Markup.Escape($"Adjusted for {(adjust.Length == 0 ? "nothing" : adjust)}; τ² {answer.GetProperty("tau2").GetDouble().ToString(C)}; " +
                                         $"unattributed {CohortAnswerTables.CountText(unattributed.ValueKind == JsonValueKind.Null ? null : unattributed.GetInt64(), minCell)}; minCell {minCell}"));

        var facilities = answer.GetProperty("facilities").EnumerateArray().ToList();
        var coverages = facilities.Count == 0 ? [] : facilities[0].GetProperty("limits").EnumerateArray().Select(l => l.GetProperty("coverage").GetDouble()).ToList();
        var table = new Table().Title("Facilities").Border(TableBorder.Rounded);
        // A pseudonym or code broken over two lines could not be read back or copied: the other columns wrap instead.
        table.AddColumn(new TableColumn("facility").NoWrap());
        foreach (var name in new[] { "n", "observed", "expected", "smr" }) table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var coverage in coverages) table.AddColumn(new TableColumn($"{(coverage * 100).ToString("0.##", C)}% limits").RightAligned());
        table.AddColumn(new TableColumn("flag").NoWrap());
        foreach (var facility in facilities)
        {
            var observed = facility.GetProperty("observed");
            var complementary = facility.TryGetProperty("complementary", out var flag) && flag.ValueKind == JsonValueKind.True;
            var smr = facility.GetProperty("smr");
            table.AddRow([
                facility.GetProperty("facility").GetString()!,
                facility.GetProperty("n").GetInt64().ToString("N0", C),
                CohortAnswerTables.CountText(observed.ValueKind == JsonValueKind.Null ? null : observed.GetInt64(), minCell, complementary),
                facility.GetProperty("expected").GetDouble().ToString("0.000", C),
                smr.ValueKind == JsonValueKind.Null ? "–" : smr.GetDouble().ToString("0.0000", C),
                .. facility.GetProperty("limits").EnumerateArray().Select(Limits),
                facility.GetProperty("flag").GetString()!,
            ]);
        }

        console.Write(table);
        var suppressed = answer.GetProperty("suppressed").GetInt32();
        if (suppressed > 0) console.MarkupLine($"[grey]{suppressed} observed count(s) withheld: from 1 to {minCell - 1}, or hidden so that none can be worked out.[/]");
    }

    private static string Limits(JsonElement limit)
    {
        var high = limit.GetProperty("high");
        return $"{limit.GetProperty("low").GetDouble().ToString("0.0000", C)}–{(high.ValueKind == JsonValueKind.Null ? "∞" : high.GetDouble().ToString("0.0000", C))}";
    }
}
