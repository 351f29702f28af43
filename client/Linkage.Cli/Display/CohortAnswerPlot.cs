using Linkage.Cohorts;
using ScottPlot;

namespace Linkage.Cli.Display;

/// <summary>
/// A cohort-v1 answer drawn to a PNG with ScottPlot: the groups as bars (a suppressed one as a pale bar up to
/// minCell, labelled <c>&lt; minCell</c>) and, with survival, the step curves of each group beneath.
/// </summary>
public static class CohortAnswerPlot
{
    public const int Width = 1000;
    public const int RowHeight = 450;

    public static void Save(CohortAnswer answer, string path)
    {
        var curves = answer.Survival is { } tables ? tables : default;
        var multiplot = new Multiplot();
        multiplot.AddPlots(curves.IsDefault ? 1 : 2);
        DrawGroups(multiplot.GetPlot(0), answer);
        if (!curves.IsDefault) DrawSurvival(multiplot.GetPlot(1), curves, answer.MinCell);
        multiplot.SavePng(path, Width, RowHeight * multiplot.Count());
    }

    private static void DrawGroups(Plot plot, CohortAnswer answer)
    {
        var palette = new ScottPlot.Palettes.Category10();
        CountBars.Add(plot, answer.Groups.Select((g, i) => new CountBars.Item(
            i, 0.8, g.Count, CohortAnswerTables.CountText(g.Count, answer.MinCell, g.Complementary, answer.Perturbed), palette.GetColor(0))), answer.MinCell);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. answer.Groups.Select((_, i) => (double)i)], [.. answer.Groups.Select(g => CohortAnswerTables.KeyLabel(g.Key))]);
        if (answer.Groups.Length > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 110;
        }

        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title($"People per group (total {CohortAnswerTables.CountText(answer.Total, answer.MinCell, answer.TotalComplementary, answer.Perturbed)}; pale bars: fewer than {answer.MinCell})");
        plot.YLabel("people");
    }

    private static void DrawSurvival(Plot plot, IReadOnlyList<SurvivalTable> tables, int minCell)
    {
        var palette = new ScottPlot.Palettes.Category10();
        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            // Starts at 1 on day 0; each interval's survival holds from the day after it ends.
            var xs = new List<double> { 0 };
            var ys = new List<double> { 1 };
            foreach (var interval in table.Intervals)
            {
                xs.Add(interval.To + 1);
                ys.Add(interval.Survival);
            }

            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), palette.GetColor(t));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = CohortAnswerTables.KeyLabel(table.Key);
        }

        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title(tables.Count == 0 ? $"Survival: no group has {minCell} or more people at risk" : "Survival from entry (actuarial), one curve per group");
        plot.XLabel("days from entry");
        plot.YLabel("survival");
        if (tables.Count > 0) plot.ShowLegend(Edge.Right);
    }
}
