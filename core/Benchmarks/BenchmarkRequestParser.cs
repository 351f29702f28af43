using Linkage.Json;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Benchmarks;

/// <summary>
/// Reads a benchmark-v1 request from JSON, or lists every problem with it, each naming the JSON field path first
/// (<c>indicator.outcome: required</c>, <c>limits[1]: must be between 0 and 1</c>). The indicator is read by the
/// cohort-v1 definition parser, so it means exactly what a cohort definition means. Never throws on bad input.
/// </summary>
public static class BenchmarkRequestParser
{
    private static readonly string[] Fields = ["indicator", "adjust", "limits", "overdispersion", "minCell"];

    /// <summary>The keys a benchmark may adjust for, as cohort-v1 spells them.</summary>
    private static readonly GroupKey[] AdjustKeys = [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref];

    /// <summary>The indicator's fields a benchmark does not allow: it counts facilities, not groups or survival.</summary>
    private static readonly string[] NotInIndicator = ["groupBy", "survival"];

    /// <summary>Reads a request from UTF-8 JSON; <paramref name="minCellFloor"/> is the server's small-cell floor.</summary>
    public static BenchmarkRequestResult Parse(ReadOnlyMemory<byte> utf8Json, int minCellFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        var (request, problems) = CohortDefinitionParser.ReadDocument(utf8Json, "request", (root, found) => Read(root, minCellFloor, found));
        return new BenchmarkRequestResult(request, problems);
    }

    public static BenchmarkRequestResult Parse(string json, int minCellFloor)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CohortDefinitionParser.Utf8Of(json, out var utf8) is { } problem ? new BenchmarkRequestResult(null, [problem]) : Parse(utf8, minCellFloor);
    }

    /// <summary>Reads a request from a UTF-8 stream (a request body), refusing one over <see cref="CohortDefinitionParser.MaxBytes"/>.</summary>
    public static Task<BenchmarkRequestResult> ParseAsync(Stream utf8Json, int minCellFloor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        return CohortDefinitionParser.ReadBodyAsync(utf8Json, body => Parse(body, minCellFloor), cancellationToken);
    }

    private static BenchmarkRequest? Read(JsonElement root, int floor, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"request: must be a JSON object, not {JsonFields.Describe(root)}");
            return null;
        }

        var fields = new Dictionary<string, (string Path, JsonElement Value)>(StringComparer.Ordinal);
        foreach (var (name, path, value) in JsonFields.KnownFields(root, "", Fields, "a benchmark request", problems)!) fields[name] = (path, value);

        CohortDefinition? indicator = null;
        if (fields.TryGetValue("indicator", out var indicatorField)) indicator = ReadIndicator(indicatorField.Value, indicatorField.Path, floor, problems);
        else problems.Add("indicator: required (a cohort-v1 definition with an outcome)");

        var adjust = fields.TryGetValue("adjust", out var adjustField) ? ReadAdjust(adjustField.Value, adjustField.Path, problems) : BenchmarkRequest.DefaultAdjust;
        var limits = fields.TryGetValue("limits", out var limitsField) ? ReadLimits(limitsField.Value, limitsField.Path, problems) : BenchmarkRequest.DefaultLimits;
        var overdispersion = fields.TryGetValue("overdispersion", out var overField) && JsonFields.ReadBool(overField.Value, overField.Path, problems) == true;
        var minCell = CohortDefinitionParser.ReadMinCell(fields, floor, problems);

        if (problems.Count > 0 || indicator is null) return null;

        // The request's minCell, else the indicator's (which is never below the floor either).
        var threshold = minCell ?? indicator.MinCell;
        return new BenchmarkRequest
        {
            Indicator = indicator with { MinCell = threshold },
            Adjust = adjust,
            Limits = limits,
            Overdispersion = overdispersion,
            MinCell = threshold,
        };
    }

    private static CohortDefinition? ReadIndicator(JsonElement element, string path, int floor, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in NotInIndicator)
            {
                if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    problems.Add($"{path}.{name}: not allowed in a benchmark indicator (facilities are compared on the outcome alone)");
                }
            }

            if (!element.TryGetProperty("outcome", out var outcome) || outcome.ValueKind == JsonValueKind.Null)
            {
                problems.Add($"{path}.outcome: required (the outcome each facility is measured on)");
            }
        }

        return CohortDefinitionParser.ReadDefinition(element, path, floor, problems);
    }

    private static ImmutableArray<GroupKey> ReadAdjust(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: must be an array of keys ({Names()}), not {JsonFields.Describe(element)}");
            return [];
        }

        var keys = ImmutableArray.CreateBuilder<GroupKey>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (JsonFields.ReadString(item, at, problems) is not { } name) continue;
            if (!GroupValues.TryParse(name, out var key) || Array.IndexOf(AdjustKeys, key) < 0)
            {
                problems.Add($"{at}: {FieldProblems.Quote(name)} is not an adjustment key ({Names()})");
            }
            else if (keys.Contains(key))
            {
                problems.Add($"{at}: {FieldProblems.Quote(name)} is already in {path}");
            }
            else
            {
                keys.Add(key);
            }
        }

        return keys.ToImmutable();
    }

    private static ImmutableArray<double> ReadLimits(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            problems.Add($"{path}: must be a non-empty array of coverages between 0 and 1, not {JsonFields.Describe(element)}");
            return [];
        }

        var limits = ImmutableArray.CreateBuilder<double>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (JsonFields.ReadNumber(item, at, problems) is not { } coverage) continue;
            if (!(coverage > 0 && coverage < 1))
            {
                problems.Add($"{at}: a coverage is strictly between 0 and 1, not {coverage.ToString(CultureInfo.InvariantCulture)}");
            }
            else if (limits.Contains(coverage))
            {
                problems.Add($"{at}: {coverage.ToString(CultureInfo.InvariantCulture)} is already in {path}");
            }
            else
            {
                limits.Add(coverage);
            }
        }

        return limits.ToImmutable();
    }

    private static string Names() => string.Join(", ", AdjustKeys.Select(GroupValues.Name));
}
