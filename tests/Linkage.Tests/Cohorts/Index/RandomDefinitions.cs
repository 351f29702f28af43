using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.RandomPeople;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Random cohort definitions that the cohort-v1 parser would accept, over the pools of <see cref="RandomPeople"/>.</summary>
internal static class RandomDefinitions
{
    /// <summary>The definition without the facility key, for indexes and databases that hold no facilities.</summary>
    public static CohortDefinition WithoutFacility(CohortDefinition definition) => definition with { GroupBy = definition.GroupBy.Remove(GroupKey.Facility) };

    public static CohortDefinition Make(Random random) => Make(random, Pools.Random);

    public static CohortDefinition Make(Random random, Pools pools)
    {
        var outcome = random.Next(5) < 2 ? Criterion(random, pools, window: true) : null;
        SurvivalRequest? survival = null;
        if (outcome is not null && random.Next(2) == 0)
        {
            survival = new SurvivalRequest { Step = Pick(random, new[] { 1, 7, 30, 90, 365 }) };
            outcome = outcome with { From = random.Next(2) == 0 ? null : 0, To = random.Next(3) == 0 ? null : random.Next(700) };
        }

        var keys = new List<GroupKey> { GroupKey.Sex, GroupKey.Age10, GroupKey.Pref, GroupKey.EntryYear, GroupKey.Facility };
        if (outcome is not null) keys.Add(GroupKey.Outcome);
        var groupBy = keys.OrderBy(_ => random.Next()).Take(random.Next(keys.Count + 1)).ToArray();
        return new CohortDefinition
        {
            Entry = Criterion(random, pools, window: false),
            Period = random.Next(5) < 2
                ? new DatePeriod { From = Maybe(random, First.AddDays(random.Next(1200))), To = Maybe(random, First.AddDays(200 + random.Next(1300))) }
                : null,
            Require = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Criterion(random, pools, window: true))],
            Exclude = [.. Enumerable.Range(0, random.Next(2)).Select(_ => Criterion(random, pools, window: true))],
            Age = random.Next(10) < 3 ? new AgeRange { Min = random.Next(2) == 0 ? null : random.Next(80), Max = random.Next(2) == 0 ? null : 20 + random.Next(90) } : null,
            Sex = random.Next(5) == 0 ? (Sex)random.Next(3) : null,
            Pref = random.Next(4) == 0 ? [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(random, new[] { "01", "02", "03", "47" }))] : [],
            Outcome = outcome,
            Survival = survival,
            GroupBy = [.. groupBy],
        };
    }

    private static DateOnly? Maybe(Random random, DateOnly date) => random.Next(3) == 0 ? null : date;

    private static CohortCriterion Criterion(Random random, Pools pools, bool window)
    {
        var kind = (EventKind)random.Next(7);
        bool Give() => random.Next(5) < 2;
        string Prefix(IReadOnlyList<string> codes)
        {
            var code = Pick(random, codes);
            return code[..(1 + random.Next(code.Length))];
        }

        var criterion = kind switch
        {
            EventKind.Receipt => new CohortCriterion
            {
                Kind = kind,
                Code = Give() ? Prefix(pools.Diagnoses) : null,
                Procedure = random.Next(4) == 0 ? Prefix(pools.Procedures) : null,
                Drug = random.Next(4) == 0 ? Prefix(pools.Drugs) : null,
            },
            EventKind.Lab => new CohortCriterion
            {
                Kind = kind, Code = Give() ? Prefix(pools.Labs) : null, Min = Give() ? pools.Value(random, kind) : null, Max = Give() ? pools.Value(random, kind) : null,
            },
            EventKind.Medication => new CohortCriterion { Kind = kind, Code = Give() ? Prefix(pools.Medications) : null },
            EventKind.Surgery => new CohortCriterion { Kind = kind, Code = Give() ? Prefix(pools.Surgeries) : null, Complication = Give() ? random.Next(2) == 0 : null },
            EventKind.Vital => new CohortCriterion
            {
                Kind = kind, Type = Give() ? Pick(random, pools.VitalTypes) : null, Min = Give() ? pools.Value(random, kind) : null, Max = Give() ? pools.Value(random, kind) : null,
            },
            EventKind.Maternal => new CohortCriterion
            {
                Kind = kind, MaternalEntry = Give() ? Pick(random, pools.MaternalEntries) : null, Min = Give() ? pools.Value(random, kind) : null,
                Max = Give() ? pools.Value(random, kind) : null,
            },
            _ => new CohortCriterion { Kind = kind, Code = Give() ? Prefix(pools.DeathCauses) : null },
        };

        if (!window) return criterion;
        return criterion with
        {
            From = random.Next(3) == 0 ? null : random.Next(-400, 400),
            To = random.Next(3) == 0 ? null : random.Next(-100, 700),
        };
    }

    /// <summary>The codes and values definitions draw from.</summary>
    public sealed record Pools(
        IReadOnlyList<string> Diagnoses, IReadOnlyList<string> Procedures, IReadOnlyList<string> Drugs, IReadOnlyList<string> Labs,
        IReadOnlyList<string> Medications, IReadOnlyList<string> Surgeries, IReadOnlyList<string> VitalTypes,
        IReadOnlyList<string> MaternalEntries, IReadOnlyList<string> DeathCauses, Func<Random, EventKind, double> Value)
    {
        public static Pools Random { get; } = new(
            RandomPeople.Diagnoses, RandomPeople.Procedures, RandomPeople.Drugs, RandomPeople.Labs, RandomPeople.Medications, RandomPeople.Surgeries,
            RandomPeople.VitalTypes, RandomPeople.MaternalEntries, [.. RandomPeople.DeathCauses.OfType<string>()],
            static (random, kind) => kind switch
            {
                EventKind.Lab => 4 + random.Next(17) * 0.5,
                EventKind.Vital => 80 + random.Next(11) * 10,
                _ => 2000 + random.Next(9) * 250,
            });

        /// <summary>The codes and values <paramref name="people"/>'s events hold, so that definitions over them often match.</summary>
        public static Pools Of(IEnumerable<PersonSummary> people)
        {
            var events = people.SelectMany(s => s.Events).ToList();
            string[] Codes(EventKind kind) => [.. events.Where(e => e.Kind == kind && e.Code is not null).Select(e => e.Code!).Distinct().Order(StringComparer.Ordinal)];
            var values = events.Where(e => e.Value is not null).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Select(e => e.Value!.Value).ToArray());
            return new Pools(
                [.. events.SelectMany(e => e.Diagnoses).Distinct()], [.. events.SelectMany(e => e.Procedures).Distinct()],
                [.. events.SelectMany(e => e.Drugs).Distinct()], Codes(EventKind.Lab), Codes(EventKind.Medication), Codes(EventKind.Surgery),
                Codes(EventKind.Vital), Codes(EventKind.Maternal), Codes(EventKind.Death),
                (random, kind) => values[kind][random.Next(values[kind].Length)]);
        }
    }
}
