using System.Text.Json;
using ScottPlot;

namespace Linkage.Cli.Display;

/// <summary>
/// A safety-v1 pair's <c>sequenceDays</c> drawn to a PNG as the workbench draws it: the sequences by days from index
/// to marker, marker first on the left, index first on the right, a suppressed bin as a pale bar up to minCell
/// (<see cref="CountBars"/>), never as 0. No statistics are computed here.
/// </summary>
public static class SsaAnswerPlot
{
    public const int Width = 1000;
    public const int Height = 450;

    /// <summary>Whether the answer has a histogram to draw (a single pair; a screening has none).</summary>
    public static bool CanDraw(JsonElement answer) => answer.TryGetProperty("sequenceDays", out var days) && days.ValueKind == JsonValueKind.Array;

    public static void Save(JsonElement answer, string path)
    {
        var minCell = answer.GetProperty("minCell").GetInt32();
        var bins = answer.GetProperty("sequenceDays").EnumerateArray()
            .Select(b => (From: b.GetProperty("from").GetInt32(), To: b.GetProperty("to").GetInt32(), Count: b.GetProperty("count")))
            .ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        // A bin covers its days from..to: its bar spans from to to + 1 on the day axis, as the page draws it.
        CountBars.Add(plot, bins.Select(b => new CountBars.Item(
            (b.From + b.To + 1) / 2.0, b.To - b.From + 1, b.Count.ValueKind == JsonValueKind.Null ? null : b.Count.GetInt64(),
            string.Empty, palette.GetColor(b.From < 0 ? 1 : 0))), minCell);
        plot.Add.VerticalLine(0.5, 1, Colors.Gray);
        var hidden = bins.Count(b => b.Count.ValueKind == JsonValueKind.Null);
        plot.Title(hidden == 0
            ? "Days from index to marker"
            : $"Days from index to marker ({hidden} bin(s) hidden, drawn pale up to {minCell})");
        plot.XLabel("days from index to marker (left: marker first)");
        plot.YLabel("people");
        plot.Axes.Margins(bottom: 0, top: 0.1);
        plot.SavePng(path, Width, Height);
    }
}
