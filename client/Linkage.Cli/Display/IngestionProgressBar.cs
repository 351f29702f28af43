using System.Diagnostics;
using System.Globalization;
using System.Text;
using Linkage.Client.Ingestion;

namespace Linkage.Cli.Display;

/// <summary>
/// One line on a terminal, redrawn at most ten times a second: a bar (or, when the input's size is unknown, a
/// moving marker), lines read, lines per second and what the platform made of them.
/// </summary>
public sealed class IngestionProgressBar(TextWriter terminal) : IProgress<IngestionProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 20;

    private readonly Lock _lock = new();
    private readonly Stopwatch _sinceDraw = new();
    private int _frame;
    private int _drawn;

    /// <summary>Whether a bar makes sense: standard error is a terminal.</summary>
    public static bool IsWanted => !Console.IsErrorRedirected;

    public void Report(IngestionProgress value)
    {
        lock (_lock)
        {
            if (_sinceDraw.IsRunning && _sinceDraw.Elapsed < Interval) return;
            Draw(value);
        }
    }

    /// <summary>Erases the bar, so that the summary line takes its place.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (_drawn > 0) terminal.Write("\r" + new string(' ', _drawn) + "\r");
            terminal.Flush();
            _drawn = 0;
            _sinceDraw.Reset();
        }
    }

    private void Draw(IngestionProgress p)
    {
        var text = new StringBuilder("\r");
        text.Append('[').Append(Bar(p.Fraction)).Append(']');
        if (p.Fraction is { } fraction) text.Append(CultureInfo.InvariantCulture, $" {fraction * 100,3:0}%");
        text.Append(CultureInfo.InvariantCulture, $"  {p.LinesRead:N0} lines  {p.LinesPerSecond:N0} lines/s");
        text.Append(CultureInfo.InvariantCulture, $"  accepted {p.Accepted:N0}  duplicates {p.Duplicates:N0}  rejected {p.Rejected:N0}");
        if (p.Retries > 0) text.Append(CultureInfo.InvariantCulture, $"  retries {p.Retries:N0}");

        var width = Math.Max(20, Width() - 1);
        var line = text.Length - 1 > width ? text.ToString(0, width + 1) : text.ToString();
        var visible = line.Length - 1;
        terminal.Write(line + (visible < _drawn ? new string(' ', _drawn - visible) : string.Empty));
        terminal.Flush();
        _drawn = Math.Max(_drawn, visible);
        _sinceDraw.Restart();
    }

    private string Bar(double? fraction)
    {
        if (fraction is { } done)
        {
            var full = (int)Math.Round(done * BarWidth);
            return new string('#', full) + new string('-', BarWidth - full);
        }

        // Size unknown: a marker that moves, so the operator sees the run is alive.
        var at = _frame++ % (2 * (BarWidth - 3));
        var position = at < BarWidth - 3 ? at : 2 * (BarWidth - 3) - at;
        return new string(' ', position) + "<=>" + new string(' ', BarWidth - 3 - position);
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
