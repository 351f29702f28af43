using System.CommandLine;
using Linkage.Bench;

var people = new Option<int>("--people") { Description = "Number of people to generate", DefaultValueFactory = _ => 100_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the generator", DefaultValueFactory = _ => 1 };
var quality = new Command("quality", "Pairwise precision and recall of the linkage rules and of id1 alone against generated truth")
{
    people,
    seed,
};
quality.SetAction(parse => QualityReport.Run(parse.GetValue(people), parse.GetValue(seed), Console.Out));

var root = new RootCommand("Linkage benchmarks") { quality };
return root.Parse(args).Invoke();
