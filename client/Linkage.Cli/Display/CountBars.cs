using ScottPlot;

namespace Linkage.Cli.Display;

/// <summary>
/// Counts of people drawn as bars (ScottPlot), the way every plot of the CLI draws them: a suppressed count as a pale
/// bar up to minCell, never as 0.
/// </summary>
public static class CountBars
{
    public static readonly Color Suppressed = Color.FromHex("#C9D1D9");

    /// <summary>One bar: where it stands and how wide, its count (null when suppressed), its label and its colour when shown.</summary>
    public readonly record struct Item(double Position, double Size, long? Count, string Label, Color Fill);

    public static ScottPlot.Plottables.BarPlot Add(Plot plot, IEnumerable<Item> items, int minCell)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var bars = plot.Add.Bars(items.Select(i => new Bar
        {
            Position = i.Position,
            Size = i.Size,
            Value = i.Count ?? minCell,
            FillColor = i.Count is null ? Suppressed : i.Fill,
            Label = i.Label,
        }).ToList());
        bars.ValueLabelStyle.FontSize = 12;
        return bars;
    }
}
