using System.Globalization;
using Linkage.Cohorts;
using Spectre.Console;

namespace Linkage.Cli.Display;

/// <summary>A cohort-v1 answer as terminal tables: the total, the groups (a suppressed count as <c>&lt; minCell</c>, never 0), and a life table per group.</summary>
public static class CohortAnswerTables
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// A count as shown: the number (<c>≈ n</c> when perturbed), <c>&lt; minCell</c> when suppressed as a small cell,
    /// or <c>≥ minCell, hidden</c> when suppressed only so that no small cell can be worked out (complementary).
    /// </summary>
    public static string CountText(long? count, int minCell, bool complementary = false, bool perturbed = false) => count switch
    {
        { } n when perturbed => $"≈ {n.ToString("N0", C)}",
        { } n => n.ToString("N0", C),
        null when complementary => $"≥ {minCell}, hidden",
        null => $"< {minCell}",
    };

    /// <summary>A group's key as one label: its values in groupBy order, or "everyone".</summary>
    public static string KeyLabel(IReadOnlyList<string> key) => key.Count == 0 ? "everyone" : string.Join(" · ", key);

    public static void Write(IAnsiConsole console, CohortAnswer answer)
    {
        console.MarkupLine($"[bold]Total[/] {Markup.Escape(CountText(answer.Total, answer.MinCell, answer.TotalComplementary, answer.Perturbed))}  [grey](as of {answer.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", C)}, minCell {answer.MinCell})[/]");

        var groups = new Table().Title("Groups").Border(TableBorder.Rounded);
        foreach (var key in answer.GroupBy) groups.AddColumn(GroupValues.Name(key));
        groups.AddColumn(new TableColumn("count").RightAligned());
        foreach (var group in answer.Groups)
        {
            groups.AddRow([.. group.Key.Select(v => new Text(v)), new Text(CountText(group.Count, answer.MinCell, group.Complementary, answer.Perturbed), group.Count is null ? new Style(decoration: Decoration.Italic) : Style.Plain)]);
        }

        console.Write(groups);
        var complementary = answer.Groups.Count(g => g.Count is null && g.Complementary);
        if (answer.Suppressed > complementary)
        {
            console.MarkupLine($"[grey]{answer.Suppressed - complementary} group(s) with 1 to {answer.MinCell - 1} people are suppressed (shown as < {answer.MinCell}).[/]");
        }

        if (complementary > 0 || answer.TotalComplementary)
        {
            var also = answer.TotalComplementary ? " and the total" : "";
            console.MarkupLine($"[grey]{complementary} more group(s){also} are hidden so that no small cell can be worked out by subtraction (shown as ≥ {answer.MinCell}, hidden).[/]");
        }

        if (answer.Perturbed)
        {
            console.MarkupLine("[grey]Counts are perturbed (shown as ≈ n): each is within 2 of the exact count, and the same people always get the same count.[/]");
        }

        if (answer.Survival is not { } tables) return;
        if (tables.IsEmpty) console.MarkupLine($"[grey]No group has {answer.MinCell} or more people at risk at the start: no life table.[/]");
        foreach (var table in tables)
        {
            var life = new Table().Title($"Survival: {Markup.Escape(KeyLabel(table.Key))}").Border(TableBorder.Rounded);
            life.AddColumn("days");
            foreach (var name in new[] { "at risk", "events", "censored", "survival" }) life.AddColumn(new TableColumn(name).RightAligned());
            foreach (var i in table.Intervals)
            {
                life.AddRow($"{i.From}–{i.To}", i.AtRisk.ToString("N0", C), i.Events.ToString("N0", C), i.Censored.ToString("N0", C), i.Survival.ToString("0.0000", C));
            }

            if (table.Intervals.IsEmpty) life.AddRow($"no interval reaches {answer.MinCell}", "", "", "", "");
            console.Write(life);
        }
    }
}
