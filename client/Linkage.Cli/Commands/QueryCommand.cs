using System.CommandLine;
using Linkage.Cli.Display;
using Linkage.Cohorts;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>linkage query FILE.json [--api URL] [--key KEY] [--json] [--plot FILE.png]</c>: sends a cohort-v1 definition to
/// <c>POST /api/v1/cohorts/count</c> and prints the groups and life tables, or the server's reasons for refusing it.
/// </summary>
public static class QueryCommand
{
    private const string Name = "linkage query";

    public static Command Create() => AnswerFileCommand.Create(
        "query",
        Name,
        "Count a cohort: send a cohort-v1 definition and show the groups and survival",
        "A cohort-v1 definition (JSON)",
        "cohort-v1",
        "Also draw the groups as bars and the survival curves to this PNG",
        "researcher",
        (client, definition, cancellationToken) => client.CountCohortAsync(definition, cancellationToken),
        CohortAnswerJson.Read,
        CohortAnswerTables.Write,
        CohortAnswerPlot.Save);
}
