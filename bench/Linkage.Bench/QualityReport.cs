using System.Diagnostics;
using System.Globalization;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;

namespace Linkage.Bench;

/// <summary>Generates a population, links its current records with the rules and with id1 alone, and scores both against the truth.</summary>
internal static class QualityReport
{
    public static int Run(int people, int seed, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed });
        var generated = clock.Elapsed;
        var liveMiB = GC.GetTotalMemory(forceFullCollection: true) >> 20;

        clock.Restart();
        var current = population.CurrentRecords();
        var kept = clock.Elapsed;

        clock.Restart();
        var partition = LinkageRules.Partition([.. current]);
        var linked = clock.Elapsed;

        var truth = current.Select(r => population.Truth[r.Key]).ToArray();
        var rules = PairwiseQuality.Of(truth, current.Select(r => partition.PersonOf(r.Key)!.Id).ToArray());
        var id1Only = PairwiseQuality.Of(truth, Id1OnlyLinkage.Labels(current));

        var holdersOfId2 = current.Where(r => r.Subject.Id2 is not null)
            .GroupBy(r => r.Subject.Id2!, StringComparer.Ordinal)
            .Select(g => g.Select(r => population.Truth[r.Key]).Distinct().Count());
        var collidingId2 = holdersOfId2.Count(n => n > 1);

        // Where the rules go wrong: real people split over several predicted ones, predicted people mixing real ones.
        var predictedOfTruth = current.GroupBy(r => population.Truth[r.Key])
            .Select(g => (HasMid: g.Any(r => r.Subject.Mid is not null), Predicted: g.Select(r => partition.PersonOf(r.Key)!.Id).Distinct().Count()))
            .ToList();
        var split = predictedOfTruth.Where(p => p.Predicted > 1).ToList();
        var mixed = partition.People.Count(p => p.Records.Select(k => population.Truth[k]).Distinct().Count() > 1);

        string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
        string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        output.WriteLine($"quality --people {people} --seed {seed}");
        output.WriteLine();
        output.WriteLine($"lines {N(population.Lines.Count)} (malformed {N(population.Events.Count(e => e is null))}), feeds {N(population.Sources.Count)}, " +
                         $"record keys {N(population.Truth.Count)}, current records {N(current.Count)}");
        output.WriteLine("current records by kind: " + string.Join(", ", current.GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => $"{EventKinds.Name(g.Key)} {N(g.Count())}")));
        output.WriteLine($"id2 tokens held by more than one true person: {N(collidingId2)}; ambiguous id2 by the rules: {N(partition.AmbiguousId2.Count)}");
        output.WriteLine();
        output.WriteLine("| linkage | people | pairwise precision | pairwise recall | F1 | correct pairs | predicted pairs | true pairs |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        output.WriteLine($"| truth | {N(rules.TrueGroups)} | | | | | | {N(rules.TruePairs)} |");
        foreach (var (name, quality) in new[] { ("rules (mid, id1, id2)", rules), ("id1 only", id1Only) })
        {
            output.WriteLine($"| {name} | {N(quality.PredictedGroups)} | {F(quality.Precision)} | {F(quality.Recall)} | {F(quality.F1)} | " +
                             $"{N(quality.CorrectPairs)} | {N(quality.PredictedPairs)} | {N(quality.TruePairs)} |");
        }

        output.WriteLine();
        output.WriteLine($"rules: {N(split.Count)} real people split ({N(split.Count(p => !p.HasMid))} of them without a mid), " +
                         $"{N(mixed)} predicted people mixing real people");
        output.WriteLine();
        output.WriteLine($"time: generate {generated.TotalSeconds:0.0} s, keep current records {kept.TotalSeconds:0.0} s, " +
                         $"LinkageRules.Partition {linked.TotalSeconds:0.00} s");
        output.WriteLine($"memory: population held in memory {N(liveMiB)} MiB, peak working set {N(Process.GetCurrentProcess().PeakWorkingSet64 >> 20)} MiB");
        return 0;
    }
}
