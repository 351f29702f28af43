using System.CommandLine;
using Linkage.Cli.Commands;

var root = new RootCommand("linkage: tools for Linkage's database operators, researchers and developers")
{
    TokenizeCommand.Create(),
    StreamCommand.Create(),
    IngestCommand.Create(),
    GenerateCommand.Create(),
    QueryCommand.Create(),
    BenchmarkCommand.Create(),
    SurveillanceCommand.Create(),
    SafetyCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
