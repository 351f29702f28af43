using System.Text.Json;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>safety-v1 monitors as terminal tables: one row a monitor (its name, n, c, LLR, critical value, state), and a monitor's signals.</summary>
public static class SafetyMonitorTables
{
    private static readonly string[] Fields = ["n", "c", "llr", "cv", "alphaSpent", "state"];

    public static void Write(IAnsiConsole console, IReadOnlyList<JsonElement> monitors)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(monitors);
        var table = new Table().Title("Safety monitors").Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("name").NoWrap());
        foreach (var field in Fields) table.AddColumn(field == "state" ? new TableColumn(field) : new TableColumn(field).RightAligned());
        table.AddColumn(new TableColumn("signals").RightAligned());
        foreach (var monitor in monitors)
        {
            table.AddRow([
                new Text(monitor.GetProperty("name").GetString()!),
                .. Fields.Select(f => new Text(Text(monitor.GetProperty(f)))),
                new Text(monitor.GetProperty("signals").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]);
        }

        if (monitors.Count == 0) console.MarkupLine("[grey]No monitor is watching.[/]");
        else console.Write(table);
    }

    /// <summary>One monitor: what it watches, its row, then each signal it raised (when, and the n, c and LLR at which it came).</summary>
    public static void WriteOne(IAnsiConsole console, JsonElement monitor)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.WriteLine($"{monitor.GetProperty("name").GetString()}: exposure {monitor.GetProperty("exposure").GetRawText()}, outcome {monitor.GetProperty("outcome").GetRawText()}, " +
                          $"risk days {Window(monitor.GetProperty("risk"))}, control days {Window(monitor.GetProperty("control"))}, p0 {Text(monitor.GetProperty("p0"))}");
        Write(console, [monitor]);
        var signals = monitor.GetProperty("signals").EnumerateArray().ToList();
        if (signals.Count == 0) return;
        var table = new Table().Title("Signals").Border(TableBorder.Rounded);
        table.AddColumn("at");
        foreach (var field in new[] { "n", "c", "llr" }) table.AddColumn(new TableColumn(field).RightAligned());
        foreach (var signal in signals)
        {
            table.AddRow(new Text(Text(signal.GetProperty("at"))), new Text(Text(signal.GetProperty("n"))), new Text(Text(signal.GetProperty("c"))), new Text(Text(signal.GetProperty("llr"))));
        }

        console.Write(table);
    }

    private static string Window(JsonElement window) => $"{Text(window.GetProperty("from"))}–{Text(window.GetProperty("to"))}";

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
