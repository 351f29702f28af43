using System.Globalization;
using Linkage.Client.Ingestion;

namespace Linkage.Cli.Display;

/// <summary>The line a run prints for each input once it is done.</summary>
public static class IngestionSummary
{
    public static string Of(IngestionReport report, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var rate = elapsed > TimeSpan.Zero ? report.LinesRead / elapsed.TotalSeconds : 0;
        var text = report.ToStream
            ? string.Format(c, "{0}: {1:N0} lines, {2:N0} published in {3:N0} batches, {4:N0} rejected here",
                report.Input, report.LinesRead, report.Sent, report.Batches, report.Rejections.Count)
            : string.Format(c, "{0}: {1:N0} lines, {2:N0} events: {3:N0} accepted, {4:N0} duplicates, {5:N0} rejected",
                report.Input, report.LinesRead, report.Events, report.Accepted, report.Duplicates, report.Rejections.Count);
        text += string.Format(c, " in {0:0.0} s ({1:N0} lines/s)", elapsed.TotalSeconds, rate);
        if (report.OptedOut > 0) text += string.Format(c, "; {0:N0} dropped because their person opted out", report.OptedOut);
        if (report.Retries > 0) text += string.Format(c, "; {0:N0} batches sent again after the API said its storage was unavailable", report.Retries);
        if (report.RejectsFiles.Count > 0) text += "; rejects: " + string.Join(", ", report.RejectsFiles);
        return text;
    }
}
