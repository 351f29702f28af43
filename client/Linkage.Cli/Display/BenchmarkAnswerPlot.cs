using System.Text.Json;
using ScottPlot;

namespace Linkage.Cli.Display;

/// <summary>
/// A benchmark-v1 answer as a funnel plot in a PNG (ScottPlot): each facility's SMR against its expected count,
/// coloured by flag, the limits of each coverage drawn through the limits the API gives per facility (no statistics
/// computed here), and a facility whose observed count is withheld as an open triangle at its expected count on the
/// zero line, never at some SMR.
/// </summary>
public static class BenchmarkAnswerPlot
{
    public const int Width = 1000;
    public const int Height = 650;

    private static readonly Dictionary<string, Color> FlagColors = new()
    {
        ["high"] = Color.FromHex("#B42318"),
        ["low"] = Color.FromHex("#1858B8"),
        ["within"] = Color.FromHex("#5B6672"),
    };

    private static readonly LinePattern[] Patterns = [LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public static void Save(JsonElement answer, string path)
    {
        var plot = new Plot();
        var facilities = answer.GetProperty("facilities").EnumerateArray().ToList();
        var byExpected = facilities.Where(f => f.GetProperty("expected").GetDouble() > 0).OrderBy(f => f.GetProperty("expected").GetDouble()).ToList();
        var coverages = facilities.Count == 0 ? 0 : facilities[0].GetProperty("limits").GetArrayLength();
        for (var c = 0; c < coverages; c++)
        {
            foreach (var side in new[] { "low", "high" })
            {
                var points = byExpected.Select(f => (E: f.GetProperty("expected").GetDouble(), L: f.GetProperty("limits")[c].GetProperty(side)))
                    .Where(p => p.L.ValueKind == JsonValueKind.Number).ToList();
                if (points.Count < 2) continue;
                var line = plot.Add.ScatterLine(points.Select(p => p.E).ToArray(), points.Select(p => p.L.GetDouble()).ToArray(), Colors.Black);
                line.LinePattern = Patterns[c % Patterns.Length];
                line.LineWidth = 1.25f;
                line.MarkerSize = 0;
                if (side == "high") line.LegendText = $"{facilities[0].GetProperty("limits")[c].GetProperty("coverage").GetDouble() * 100:0.##}% limits";
            }
        }

        foreach (var (flag, color) in FlagColors)
        {
            var shown = facilities.Where(f => f.GetProperty("flag").GetString() == flag && f.GetProperty("smr").ValueKind == JsonValueKind.Number).ToList();
            if (shown.Count > 0)
            {
                var points = plot.Add.ScatterPoints(shown.Select(f => f.GetProperty("expected").GetDouble()).ToArray(), shown.Select(f => f.GetProperty("smr").GetDouble()).ToArray(), color);
                points.MarkerSize = 9;
                points.LegendText = flag;
            }

            var withheld = facilities.Where(f => f.GetProperty("flag").GetString() == flag && f.GetProperty("smr").ValueKind == JsonValueKind.Null).ToList();
            if (withheld.Count > 0)
            {
                var marks = plot.Add.ScatterPoints(withheld.Select(f => f.GetProperty("expected").GetDouble()).ToArray(), new double[withheld.Count], color);
                marks.MarkerShape = MarkerShape.OpenTriangleUp;
                marks.MarkerSize = 11;
                marks.LegendText = $"{flag}, observed withheld (at E, no SMR)";
            }
        }

        plot.Add.HorizontalLine(1, 1, Colors.Gray);
        plot.Title($"Funnel plot: {facilities.Count} facilities (τ² {answer.GetProperty("tau2").GetDouble():0.####})");
        plot.XLabel("expected (E)");
        plot.YLabel("SMR (O / E)");
        plot.Axes.SetLimitsY(0, Math.Max(2, facilities.Where(f => f.GetProperty("smr").ValueKind == JsonValueKind.Number).Select(f => f.GetProperty("smr").GetDouble() * 1.15).DefaultIfEmpty(0).Max()));
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }
}
