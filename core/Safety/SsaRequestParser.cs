using Linkage.Json;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Safety;

/// <summary>
/// Reads a safety-v1 sequence symmetry request, or lists every problem with it, each naming the field first
/// (<c>window: must be from 1 to 3650 days, not 0</c>). Criteria are cohort-v1 criteria, read by the cohort
/// definition parser's own criterion reader; unknown fields are refused as there. Never throws on bad input.
/// </summary>
public static class SsaRequestParser
{
    private static readonly string[] Fields = ["index", "marker", "window", "runIn", "period", "minCell"];

    /// <summary>The kinds a screening may take its markers from, and the length fields each accepts.</summary>
    private static readonly Dictionary<string, (EventKind Kind, string[] Lengths)> Screens = new(StringComparer.Ordinal)
    {
        ["receipt"] = (EventKind.Receipt, ["codeLength", "drugLength"]),
        ["medication"] = (EventKind.Medication, ["codeLength", "drugLength"]),
    };

    /// <summary>The fields a request may give, in the contract's order.</summary>
    public static IReadOnlyList<string> RequestFields => Fields;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellFloor"/> is below 1.</exception>
    public static SsaRequestResult Parse(ReadOnlyMemory<byte> utf8Json, int minCellFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        var (request, problems) = CohortDefinitionParser.ReadDocument(utf8Json, "request", (root, found) => Read(root, minCellFloor, found));
        return request is not null ? new(request, []) : new(null, problems);
    }

    public static SsaRequestResult Parse(string json, int minCellFloor) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), minCellFloor);

    /// <summary>Reads a request body, refusing one over <see cref="CohortDefinitionParser.MaxBytes"/>.</summary>
    public static Task<SsaRequestResult> ParseAsync(Stream utf8Json, int minCellFloor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        return CohortDefinitionParser.ReadBodyAsync(utf8Json, body => Parse(body, minCellFloor), cancellationToken);
    }

    private static SsaRequest? Read(JsonElement root, int floor, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"request: must be a JSON object, not {JsonFields.Describe(root)}");
            return null;
        }

        var fields = new Dictionary<string, (string Path, JsonElement Value)>(StringComparer.Ordinal);
        foreach (var (name, path, value) in JsonFields.KnownFields(root, "", Fields, "a sequence symmetry request", problems)!)
        {
            fields[name] = (path, value);
        }

        CohortCriterion? index = null;
        if (fields.TryGetValue("index", out var indexField)) index = CohortDefinitionParser.ReadCriterion(indexField.Value, indexField.Path, windowed: false, problems);
        else problems.Add("index: required");

        CohortCriterion? marker = null;
        MarkerScreen? screen = null;
        if (!fields.TryGetValue("marker", out var markerField)) problems.Add("marker: required");
        else if (IsScreen(markerField.Value)) screen = ReadScreen(markerField.Value, markerField.Path, problems);
        else marker = CohortDefinitionParser.ReadCriterion(markerField.Value, markerField.Path, windowed: false, problems);

        var window = Days(fields, "window", 1, SsaRequest.DefaultWindow, problems);
        var runIn = Days(fields, "runIn", 0, SsaRequest.DefaultRunIn, problems);
        var period = fields.TryGetValue("period", out var periodField) ? CohortDefinitionParser.ReadPeriod(periodField.Value, periodField.Path, problems) : null;
        var minCell = CohortDefinitionParser.ReadMinCell(fields, floor, problems) ?? Math.Max(CohortDefinition.DefaultMinCell, floor);

        if (problems.Count > 0 || index is null || (marker is null && screen is null)) return null;
        return new SsaRequest { Index = index, Marker = marker, Screen = screen, Window = window, RunIn = runIn, Period = period, MinCell = minCell };
    }

    /// <summary>A whole number of days from <paramref name="min"/> to 3650, or <paramref name="absent"/> when not given.</summary>
    internal static int Days(Dictionary<string, (string Path, JsonElement Value)> fields, string name, int min, int absent, List<string> problems)
    {
        if (!fields.TryGetValue(name, out var field)) return absent;
        if (JsonFields.ReadWhole(field.Value, field.Path, "days", problems) is not { } days) return absent;
        if (days >= min && days <= SsaRequest.MaxDays) return days;
        problems.Add($"{field.Path}: must be from {min} to {SsaRequest.MaxDays} days, not {days}");
        return absent;
    }

    private static bool IsScreen(JsonElement marker) =>
        marker.ValueKind == JsonValueKind.Object
        && marker.EnumerateObject().Any(p => p.Name is "codeLength" or "drugLength");

    private static MarkerScreen? ReadScreen(JsonElement element, string path, List<string> problems)
    {
        if (JsonFields.Properties(element, path, problems) is not { } properties) return null;
        var kindAt = properties.FindIndex(p => p.Name == "kind");
        if (kindAt < 0)
        {
            problems.Add($"{path}.kind: required");
            return null;
        }

        var choices = Screens.Keys.ToArray();
        if (JsonFields.ReadChoice(properties[kindAt].Value, properties[kindAt].Path, choices, "kind a screening takes codes of", problems) is not { } kindName)
        {
            return null;
        }

        var (kind, lengths) = Screens[kindName];
        MarkerScreen? screen = null;
        foreach (var (name, at, value) in properties)
        {
            if (name == "kind") continue;
            if (Array.IndexOf(lengths, name) < 0)
            {
                problems.Add($"{at}: not a field of a screening marker (kind, {string.Join(" or ", lengths)})");
                continue;
            }

            if (screen is not null)
            {
                problems.Add($"{at}: a screening marker gives one code length, and {path} already has one");
                continue;
            }

            if (JsonFields.ReadWhole(value, at, "characters", problems) is not { } length) continue;
            if (length is < 1 or > FeedFormats.MaxCodeLength)
            {
                problems.Add($"{at}: must be from 1 to {FeedFormats.MaxCodeLength} characters, not {length}");
                continue;
            }

            // A medication's code is its drug: both names read the one code field.
            var field = kind == EventKind.Receipt && name == "drugLength" ? "drug" : "code";
            screen = new MarkerScreen { Kind = kind, Field = field, Length = length };
        }

        return screen;
    }
}
