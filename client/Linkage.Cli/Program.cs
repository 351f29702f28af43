using System.CommandLine;

var root = new RootCommand("linkage: tools for Linkage's database operators and developers");
return await root.Parse(args).InvokeAsync();
