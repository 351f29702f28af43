using System.Globalization;
using Linkage.Client.Ingestion;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>
/// What a run prints for each input once it is done: a table with a row for each file, every line counted once (made
/// into events, rejected or skipped, adding up to the file's lines), then the events' fate at the platform and why
/// lines were skipped.
/// </summary>
public static class IngestionSummary
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, IngestionReport report, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title(Markup.Escape(report.Input)).Border(TableBorder.Rounded);
        table.AddColumn("file");
        foreach (var column in new[] { "lines", "into events", "rejected", "skipped" }) table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var file in report.Files) table.AddRow(Markup.Escape(Path.GetFileName(file.File)), N(file.Lines), N(file.IntoEvents), N(file.Rejected), N(file.Skipped));
        if (report.Files.Count > 1)
        {
            table.AddRow("[bold]all files[/]", N(report.Files.Sum(f => f.Lines)), N(report.Files.Sum(f => f.IntoEvents)), N(report.Files.Sum(f => f.Rejected)), N(report.Files.Sum(f => f.Skipped)));
        }

        console.Write(table);
        console.WriteLine(EventsLine(report, elapsed));
        foreach (var file in report.Files)
        {
            foreach (var skipped in file.SkippedLines)
            {
                console.MarkupLine($"[grey]{Markup.Escape(Path.GetFileName(file.File))}: {N(skipped.Count)} line(s) skipped: {Markup.Escape(skipped.Reason)}[/]");
            }
        }
    }

    /// <summary>The events' fate at the platform, the time taken and the rejects files: one line under the table.</summary>
    public static string EventsLine(IngestionReport report, TimeSpan elapsed)
    {
        var lines = report.Files.Sum(f => f.Lines);
        var rate = elapsed > TimeSpan.Zero ? lines / elapsed.TotalSeconds : 0;
        var text = report.ToStream
            ? string.Format(C, "{0:N0} events published in {1:N0} batches, {2:N0} lines rejected here", report.Sent, report.Batches, report.Rejections.Count)
            : string.Format(C, "{0:N0} events: {1:N0} accepted, {2:N0} duplicates (already stored), {3:N0} rejected by the API",
                report.Events, report.Accepted, report.Duplicates, Math.Max(0, report.Sent - report.Accepted - report.Duplicates - report.OptedOut));
        text += string.Format(C, "; {0:0.0} s ({1:N0} lines/s)", elapsed.TotalSeconds, rate);
        if (report.BatchTime(0.5) is { } p50 && report.BatchTime(0.99) is { } p99)
        {
            text += string.Format(C, "; each POST answered in p50 {0:0.00} s, p99 {1:0.00} s", p50.TotalSeconds, p99.TotalSeconds);
        }

        if (report.OptedOut > 0) text += string.Format(C, "; {0:N0} dropped because their person opted out", report.OptedOut);
        if (report.Retries > 0) text += string.Format(C, "; {0:N0} batches sent again after the API said its storage was unavailable", report.Retries);
        if (report.RejectsFiles.Count > 0) text += "; rejects: " + string.Join(", ", report.RejectsFiles);
        return text;
    }

    private static string N(long count) => count.ToString("N0", C);
}
