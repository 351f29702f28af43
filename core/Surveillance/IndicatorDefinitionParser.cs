using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.Cohorts;

namespace Linkage.Surveillance;

/// <summary>Reads a surveillance-v1 indicator (<c>{"anyOf": [criteria], "episodeDays": n}</c>), naming each problem's field.</summary>
public static partial class IndicatorDefinitionParser
{
    public const int MaxEpisodeDays = 3650;

    /// <summary>An indicator's name: as a feed source id.</summary>
    public static bool IsName(string name) => Name().IsMatch(name);

    public static (IndicatorDefinition? Definition, IReadOnlyList<string> Problems) Parse(string json)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return (null, [$"body: not JSON ({ex.Message})"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, ["body: must be a JSON object"]);
            var criteria = ImmutableArray.CreateBuilder<CohortCriterion>();
            var episodeDays = IndicatorDefinition.DefaultEpisodeDays;
            var hasAnyOf = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "anyOf":
                        hasAnyOf = true;
                        if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                        {
                            problems.Add("anyOf: must be a non-empty array of cohort-v1 criteria");
                            break;
                        }

                        var index = 0;
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (CohortDefinitionParser.ReadCriterion(item, $"anyOf[{index++}]", problems) is { } criterion) criteria.Add(criterion);
                        }

                        break;
                    case "episodeDays":
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out episodeDays) || episodeDays is < 1 or > MaxEpisodeDays)
                        {
                            problems.Add($"episodeDays: must be a whole number of days from 1 to {MaxEpisodeDays}");
                        }

                        break;
                    default:
                        problems.Add($"{property.Name}: not a field of an indicator (anyOf, episodeDays)");
                        break;
                }
            }

            if (!hasAnyOf) problems.Add("anyOf: required");
            return problems.Count > 0 ? (null, problems) : (new IndicatorDefinition { AnyOf = criteria.ToImmutable(), EpisodeDays = episodeDays }, problems);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Name();
}
