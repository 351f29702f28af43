using Linkage.Cohorts;

namespace Linkage.Tests.Cohorts;

/// <summary>Reads definitions that should be refused and gives back the parser's problems.</summary>
internal static class DefinitionProblems
{
    /// <summary>A minimal valid definition with <paramref name="fields"/> (JSON members) added after its entry.</summary>
    public static string With(string fields) => "{\"entry\":{\"kind\":\"death\"}," + fields + "}";

    public static string[] Of(string json, int floor = CohortRecords.Floor)
    {
        var result = CohortDefinitionParser.Parse(json, floor);
        Assert.False(result.IsValid, $"expected {json} to be refused, but it was read");
        return [.. result.Problems];
    }

    /// <summary>The one problem of <paramref name="json"/>; the test fails if there are none or several.</summary>
    public static string Single(string json, int floor = CohortRecords.Floor)
    {
        var problems = Of(json, floor);
        Assert.True(problems.Length == 1, $"expected one problem with {json}, saw: {string.Join(" | ", problems)}");
        return problems[0];
    }
}
