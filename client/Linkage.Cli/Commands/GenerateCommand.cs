using System.CommandLine;
using System.Globalization;
using Linkage.Population;

namespace Linkage.Cli.Commands;

/// <summary><c>linkage generate --people N --seed S --out DIR</c>: a synthetic population's feeds and the truth of who each record is about.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var people = new Option<int>("--people") { Required = true, Description = "How many people (children born in 2018-2025 included)" };
        people.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--people must be at least 1");
        });
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "The same people and seed always give the same lines" };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "The folder to write <source>.ndjson per feed and truth.csv into (made if missing)" };
        var command = new Command("generate", "Generate a synthetic Japanese population's feeds (events-v1 NDJSON, with defects) and its truth")
        {
            people, seed, output, SecretOption.Option,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new PopulationOptions { People = parse.GetValue(people), Seed = parse.GetValue(seed), Secret = SecretOption.Secret(parse) };
            var directory = parse.GetValue(output)!.FullName;
            await PopulationGenerator.WriteAsync(options, directory, cancellationToken);
            PrintWritten(options, directory, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Names each file written with its lines, from truth.csv, which names every feed that has records.</summary>
    private static void PrintWritten(PopulationOptions options, string directory, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var truth = Path.Combine(directory, "truth.csv");
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var people = new HashSet<string>(StringComparer.Ordinal);
        long records = 0;
        foreach (var row in File.ReadLines(truth).Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            sources.Add(row[..row.IndexOf(',', StringComparison.Ordinal)]);
            people.Add(row[(row.LastIndexOf(',') + 1)..]);
            records++;
        }

        long lines = 0;
        foreach (var source in sources)
        {
            var feed = Path.Combine(directory, source + ".ndjson");
            var count = File.ReadLines(feed).LongCount();
            lines += count;
            Console.WriteLine(string.Format(c, "{0}: {1:N0} lines", feed, count));
        }

        Console.WriteLine(string.Format(c, "{0}: {1:N0} records about {2:N0} people", truth, records, people.Count));
        Console.WriteLine(string.Format(c, "{0:N0} people, seed {1}: {2:N0} feed lines (malformed lines, duplicates, corrections and retractions included)",
            options.People, options.Seed, lines));
    }
}
