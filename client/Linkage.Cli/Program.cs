using System.CommandLine;
using Linkage.Cli.Commands;

var root = new RootCommand("linkage: tools for Linkage's database operators and developers")
{
    TokenizeCommand.Create(),
    StreamCommand.Create(),
    IngestCommand.Create(),
    GenerateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
