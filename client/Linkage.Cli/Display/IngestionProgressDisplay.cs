using System.Globalization;
using Linkage.Client.Ingestion;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>
/// A Spectre.Console progress bar on standard error while one input is sent: the share read (or, when the size is
/// unknown, an indeterminate bar), lines per second and what the platform made of the lines. It clears itself when done.
/// </summary>
public static class IngestionProgressDisplay
{
    /// <summary>Whether a bar makes sense: standard error is a terminal.</summary>
    public static bool IsWanted => !Console.IsErrorRedirected;

    public static Task<IngestionReport> RunAsync(string input, Func<IProgress<IngestionProgress>, Task<IngestionReport>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(context =>
            {
                var task = context.AddTask(Markup.Escape(input), maxValue: 1);
                task.IsIndeterminate = true;
                return run(new Reporter(task, input));
            });
    }

    private sealed class Reporter(ProgressTask task, string input) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress p)
        {
            var c = CultureInfo.InvariantCulture;
            task.IsIndeterminate = p.Fraction is null;
            if (p.Fraction is { } fraction) task.Value = fraction;
            var text = string.Format(c, "{0}: {1:N0} lines, {2:N0} lines/s, accepted {3:N0}, duplicates {4:N0}, rejected {5:N0}",
                input, p.LinesRead, p.LinesPerSecond, p.Accepted, p.Duplicates, p.Rejected);
            if (p.Retries > 0) text += string.Format(c, ", retries {0:N0}", p.Retries);
            task.Description = Markup.Escape(text);
        }
    }
}
