using System.CommandLine;
using Linkage.Cli.Display;
using Linkage.Client.Http;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage benchmark FILE.json [--api URL] [--key KEY] [--json] [--plot FILE.png]</c>: sends a benchmark-v1 request to
/// <c>POST /api/v1/benchmarks</c> and prints the facilities as a table, or the server's reasons for refusing it.
/// </summary>
public static class BenchmarkCommand
{
    private const string Name = "linkage benchmark";

    public static Command Create() => AnswerFileCommand.Create(
        "benchmark",
        Name,
        "Benchmark facilities: send a benchmark-v1 request and show each facility's SMR, limits and flag",
        "A benchmark-v1 request (JSON)",
        "benchmark-v1",
        "Also draw the funnel plot to this PNG",
        (client, request, cancellationToken) => client.BenchmarkAsync(request, cancellationToken),
        BenchmarkAnswerTable.Write,
        BenchmarkAnswerPlot.Save);
}
