using Linkage.Json;
using System.Globalization;
using System.Text.Json;
using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>
/// Reads a safety-v1 monitor (<c>POST /api/v1/safety/monitors</c>), or lists every problem with it, each naming the
/// field first. Criteria are cohort-v1 criteria, read by the cohort definition parser's criterion reader.
/// </summary>
public static class MonitorDefinitionParser
{
    public const int MaxNameLength = 64;

    private static readonly string[] Fields = ["name", "exposure", "outcome", "risk", "control", "runIn", "alpha", "minEvents", "maxEvents"];
    private static readonly string[] WindowFields = ["from", "to"];

    public static IReadOnlyList<string> DefinitionFields => Fields;

    /// <summary>Whether <paramref name="name"/> may name a monitor: 1..64 of a-z, 0-9, <c>-</c>, <c>_</c>.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    public static MonitorDefinitionResult Parse(ReadOnlyMemory<byte> utf8Json)
    {
        var (definition, problems) = CohortDefinitionParser.ReadDocument(utf8Json, "monitor", Read);
        return definition is not null ? new(definition, []) : new(null, problems);
    }

    public static MonitorDefinitionResult Parse(string json) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    public static Task<MonitorDefinitionResult> ParseAsync(Stream utf8Json, CancellationToken cancellationToken = default) =>
        CohortDefinitionParser.ReadBodyAsync(utf8Json, Parse, cancellationToken);

    private static MonitorDefinition? Read(JsonElement root, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"monitor: must be a JSON object, not {JsonFields.Describe(root)}");
            return null;
        }

        var fields = new Dictionary<string, (string Path, JsonElement Value)>(StringComparer.Ordinal);
        foreach (var (name, path, value) in JsonFields.KnownFields(root, "", Fields, "a monitor", problems)!) fields[name] = (path, value);

        string? monitorName = null;
        if (!fields.TryGetValue("name", out var nameField)) problems.Add("name: required");
        else if (JsonFields.ReadString(nameField.Value, nameField.Path, problems) is { } text)
        {
            if (IsName(text)) monitorName = text;
            else problems.Add($"name: {FieldProblems.Quote(text)} is not a monitor name (1 to {MaxNameLength} of a-z, 0-9, - and _)");
        }

        var exposure = Criterion(fields, "exposure", problems);
        var outcome = Criterion(fields, "outcome", problems);
        var risk = Window(fields, "risk", problems);
        var control = Window(fields, "control", problems);
        if (risk is not null && control is not null && risk.From <= control.To && control.From <= risk.To)
        {
            problems.Add($"control: days {control.From} to {control.To} overlap the risk window ({risk.From} to {risk.To})");
        }

        var runIn = SsaRequestParser.Days(fields, "runIn", 0, SsaRequest.DefaultRunIn, problems);
        var alpha = MonitorDefinition.DefaultAlpha;
        if (fields.TryGetValue("alpha", out var alphaField) && JsonFields.ReadNumber(alphaField.Value, alphaField.Path, problems) is { } asked)
        {
            if (asked is > 0 and < 0.5) alpha = asked;
            else problems.Add($"alpha: must be above 0 and below 0.5, not {asked.ToString(CultureInfo.InvariantCulture)}");
        }

        var minEvents = Events(fields, "minEvents", 1, MonitorDefinition.DefaultMinEvents, problems);
        var maxEvents = Events(fields, "maxEvents", 1, MonitorDefinition.DefaultMaxEvents, problems);
        if (minEvents > maxEvents) problems.Add($"minEvents: {minEvents} is above maxEvents {maxEvents}");

        if (problems.Count > 0 || monitorName is null || exposure is null || outcome is null || risk is null || control is null) return null;
        return new MonitorDefinition
        {
            Name = monitorName, Exposure = exposure, Outcome = outcome, Risk = risk, Control = control,
            RunIn = runIn, Alpha = alpha, MinEvents = minEvents, MaxEvents = maxEvents,
        };
    }

    private static CohortCriterion? Criterion(Dictionary<string, (string Path, JsonElement Value)> fields, string name, List<string> problems)
    {
        if (fields.TryGetValue(name, out var field)) return CohortDefinitionParser.ReadCriterion(field.Value, field.Path, windowed: false, problems);
        problems.Add($"{name}: required");
        return null;
    }

    private static DayWindow? Window(Dictionary<string, (string Path, JsonElement Value)> fields, string name, List<string> problems)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            problems.Add($"{name}: required");
            return null;
        }

        if (JsonFields.KnownFields(field.Value, field.Path, WindowFields, "a window", problems) is not { } bounds) return null;
        int? from = null, to = null;
        foreach (var (bound, at, value) in bounds)
        {
            var days = JsonFields.ReadWhole(value, at, "days", problems);
            if (days is < 0 or > SsaRequest.MaxDays)
            {
                problems.Add($"{at}: must be from 0 to {SsaRequest.MaxDays} days after the exposure, not {days}");
                days = null;
            }

            if (bound == "from") from = days;
            else to = days;
        }

        foreach (var bound in WindowFields.Where(b => !bounds.Exists(f => f.Name == b))) problems.Add($"{field.Path}.{bound}: required");
        if (from is not { } first || to is not { } last) return null;
        if (first <= last) return new DayWindow(first, last);
        problems.Add($"{field.Path}: from {first} is after to {last}");
        return null;
    }

    private static int Events(Dictionary<string, (string Path, JsonElement Value)> fields, string name, int min, int absent, List<string> problems)
    {
        if (!fields.TryGetValue(name, out var field) || JsonFields.ReadWhole(field.Value, field.Path, "events", problems) is not { } events) return absent;
        if (events >= min && events <= MaxSprt.MaxEventsLimit) return events;
        problems.Add($"{field.Path}: must be from {min} to {MaxSprt.MaxEventsLimit} events, not {events}");
        return absent;
    }
}
