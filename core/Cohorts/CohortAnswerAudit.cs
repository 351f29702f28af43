using System.Collections.Immutable;
using Linkage.Disclosure;

namespace Linkage.Cohorts;

/// <summary>
/// Puts a published cohort answer to the <see cref="DisclosureAuditor"/>: its numbers as sums of the finest sets of
/// people the answer tells apart, whose true counts come from the exact tally.
/// </summary>
/// <remarks>
/// With survival the atoms are each survival group's events and censored per raw interval; a group of the answer is
/// all of its block's events (<c>yes</c>), all its censored (<c>no</c>) or both (no <c>outcome</c> key); a table row
/// publishes its at-risk (every atom from its first interval on), its events and its censored. Without survival
/// each group is an atom. The total adds up every atom, and a group the answer leaves out is a published 0. Only
/// exact answers are audited: a perturbed one publishes no exact sum.
/// </remarks>
public static class CohortAnswerAudit
{
    /// <summary>Every count from 1 to minCell - 1 a reader can work out from <paramref name="answer"/>.</summary>
    /// <exception cref="ArgumentException">The answer is perturbed.</exception>
    public static IReadOnlyList<DerivedCount> SmallCounts(CohortDefinition definition, CohortTally exact, CohortAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Perturbed) throw new ArgumentException("a perturbed answer publishes no exact sums to audit", nameof(answer));
        var tally = CohortTallies.Sum([exact]);
        var atoms = new List<(string Name, long Count)>();
        var published = new List<PublishedSum>();
        var outcomeAt = definition.GroupBy.IndexOf(GroupKey.Outcome);

        // Per survival group: the atoms of its events and censored, by raw interval.
        var events = new Dictionary<ImmutableArray<string>, List<int>>(GroupKeyOrder.Instance);
        var censored = new Dictionary<ImmutableArray<string>, List<int>>(GroupKeyOrder.Instance);
        if (definition.Survival is not null)
        {
            foreach (var times in tally.Survival)
            {
                var name = Name(times.Key);
                events[times.Key] = [.. times.Events.Select((n, k) => Atom(atoms, $"{name} interval {k} events", n))];
                censored[times.Key] = [.. times.Censored.Select((n, k) => Atom(atoms, $"{name} interval {k} censored", n))];
            }
        }

        var groupAtoms = new Dictionary<ImmutableArray<string>, ImmutableArray<int>>(GroupKeyOrder.Instance);
        foreach (var group in tally.Groups)
        {
            groupAtoms[group.Key] = definition.Survival is null ? [Atom(atoms, $"group {Name(group.Key)}", group.Count)] : SurvivalAtoms(group.Key);
        }

        ImmutableArray<int> SurvivalAtoms(ImmutableArray<string> key)
        {
            if (outcomeAt < 0) return [.. events.GetValueOrDefault(key, []), .. censored.GetValueOrDefault(key, [])];
            var block = key.RemoveAt(outcomeAt);
            return key[outcomeAt] == GroupValues.Outcome(true) ? [.. events.GetValueOrDefault(block, [])] : [.. censored.GetValueOrDefault(block, [])];
        }

        if (answer.Total is not null) published.Add(new PublishedSum("total", [.. Enumerable.Range(0, atoms.Count)]));
        foreach (var group in answer.Groups.Where(g => g.Count is not null))
        {
            published.Add(new PublishedSum($"group {Name(group.Key)}", groupAtoms[group.Key]));
        }

        // A group the answer leaves out has no one in it, and the reader knows so.
        if (definition.Survival is not null && outcomeAt >= 0)
        {
            foreach (var block in events.Keys)
            {
                foreach (var happened in (ReadOnlySpan<bool>)[true, false])
                {
                    var key = block.Insert(outcomeAt, GroupValues.Outcome(happened));
                    if (!answer.Groups.Any(g => g.Key.SequenceEqual(key))) published.Add(new PublishedSum($"group {Name(key)} (absent)", SurvivalAtoms(key)));
                }
            }
        }

        foreach (var table in answer.Survival ?? [])
        {
            var step = definition.Survival!.Step;
            foreach (var row in table.Intervals)
            {
                var (first, last) = (row.From / step, row.To / step);
                var at = $"table {Name(table.Key)} {row.From}-{row.To}";
                published.Add(new PublishedSum($"{at} atRisk", [.. events[table.Key].Skip(first), .. censored[table.Key].Skip(first)]));
                published.Add(new PublishedSum($"{at} events", [.. events[table.Key].Skip(first).Take(last - first + 1)]));
                published.Add(new PublishedSum($"{at} censored", [.. censored[table.Key].Skip(first).Take(last - first + 1)]));
            }
        }

        return DisclosureAuditor.SmallCounts(atoms, published, answer.MinCell);
    }

    private static int Atom(List<(string Name, long Count)> atoms, string name, long count)
    {
        atoms.Add((name, count));
        return atoms.Count - 1;
    }

    private static string Name(ImmutableArray<string> key) => key.Length == 0 ? "(all)" : string.Join(",", key);
}
