using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Linkage.Feeds;
using Linkage.Json;
using static Linkage.Json.JsonFields;

namespace Linkage.Cohorts;

/// <summary>
/// Reads a cohort-v1 definition from JSON, or lists every problem with it, each naming the JSON field path first
/// (<c>require[0].from: must be a whole number of days, not 1.5</c>). Never throws on bad input; thread-safe.
/// </summary>
/// <remarks>
/// Unknown fields are refused, not ignored: a count that silently left out a filter the client meant would be a
/// wrong answer, and a client of a later, larger version is better told so. JSON <c>null</c> counts as absent.
/// </remarks>
public static class CohortDefinitionParser
{
    /// <summary>A definition is a few hundred bytes; anything over this is refused unread.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>At most this many problems are listed; a last line says how many more there were.</summary>
    public const int MaxProblems = 20;

    /// <summary>The depth of the deepest valid definition is 3 (root, require, criterion).</summary>
    private const int MaxDepth = 8;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] Fields =
        ["entry", "period", "require", "exclude", "age", "sex", "pref", "outcome", "groupBy", "minCell", "survival"];

    private static readonly string[] PeriodFields = ["from", "to"];
    private static readonly string[] AgeFields = ["min", "max"];
    private static readonly string[] SurvivalFields = ["step"];
    private static readonly string[] WindowFields = ["from", "to"];

    private static readonly string[] Sexes = [.. Enum.GetValues<Sex>().Select(GroupValues.Sex)];

    /// <summary>The fields a definition may give, in the contract's order (the API's description and the workbench's form read them).</summary>
    public static IReadOnlyList<string> DefinitionFields => Fields;

    /// <summary>Reads a definition from UTF-8 JSON; <paramref name="minCellFloor"/> is the server's small-cell floor.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellFloor"/> is below 1.</exception>
    public static CohortDefinitionResult Parse(ReadOnlyMemory<byte> utf8Json, int minCellFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        var (definition, problems) = ReadDocument(utf8Json, "definition", (root, found) => ReadDefinition(root, "", minCellFloor, found));
        return definition is not null ? CohortDefinitionResult.Valid(definition) : CohortDefinitionResult.Invalid(problems);
    }

    /// <summary>Reads a definition given as text.</summary>
    public static CohortDefinitionResult Parse(string json, int minCellFloor)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Utf8Of(json, out var utf8) is { } problem ? CohortDefinitionResult.Invalid(problem) : Parse(utf8, minCellFloor);
    }

    /// <summary>Reads a definition from a UTF-8 stream (a request body), refusing one over <see cref="MaxBytes"/>.</summary>
    public static async Task<CohortDefinitionResult> ParseAsync(Stream utf8Json, int minCellFloor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        return await ReadBodyAsync(utf8Json, body => Parse(body, minCellFloor), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a JSON document of at most <see cref="MaxBytes"/> with <paramref name="read"/>, or lists what is wrong
    /// with it (the framing problems named after <paramref name="what"/>). Benchmark and other requests that embed a
    /// definition read their documents the same way.
    /// </summary>
    internal static (T? Value, ImmutableArray<string> Problems) ReadDocument<T>(
        ReadOnlyMemory<byte> utf8Json, string what, Func<JsonElement, List<string>, T?> read)
        where T : class
    {
        if (utf8Json.Span.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];
        if (utf8Json.Length > MaxBytes) return (null, [$"{what}: longer than {MaxBytes} bytes"]);

        var span = utf8Json.Span;
        if (!Utf8.IsValid(span)) return (null, [$"malformed JSON: invalid UTF-8 at byte {FeedLineParser.InvalidUtf8At(span)}"]);

        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            var problems = new List<string>();
            var value = read(document.RootElement, problems);
            return problems.Count == 0 && value is not null ? (value, []) : (null, [.. Capped(problems, what)]);
        }
        catch (JsonException e)
        {
            return (null, [FeedLineParser.Malformed(e, withLine: true)]);
        }
        catch (InvalidOperationException)
        {
            // A property name written with a \uD800-style escape that has no other half: not text at all.
            return (null, ["malformed JSON: a field name contains an unpaired surrogate escape"]);
        }
    }

    /// <summary>The strict UTF-8 of <paramref name="json"/>, or the problem with it (an unpaired surrogate).</summary>
    internal static string? Utf8Of(string json, out byte[] utf8)
    {
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
            return null;
        }
        catch (EncoderFallbackException e)
        {
            utf8 = [];
            return $"malformed JSON: unpaired surrogate at character {e.Index}";
        }
    }

    /// <summary>Reads a request body up to one byte past <see cref="MaxBytes"/> (to tell "too long" without reading it all) and parses it.</summary>
    internal static async Task<TResult> ReadBodyAsync<TResult>(Stream utf8Json, Func<ReadOnlyMemory<byte>, TResult> parse, CancellationToken cancellationToken)
    {
        // Room for a byte order mark and one byte more than allowed.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 4);
        try
        {
            var length = 0;
            while (length < MaxBytes + 4)
            {
                var read = await utf8Json.ReadAsync(buffer.AsMemory(length, MaxBytes + 4 - length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }

            return parse(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads a definition at <paramref name="at"/> (empty for the document's root, <c>indicator</c> inside a benchmark
    /// request), every problem named by its path from the document's root. Null when there were problems.
    /// </summary>
    internal static CohortDefinition? ReadDefinition(JsonElement root, string at, int floor, List<string> problems)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{(at.Length == 0 ? "definition" : at)}: must be a JSON object, not {Describe(root)}");
            return null;
        }

        var before = problems.Count;
        var fields = new Dictionary<string, (string Path, JsonElement Value)>(StringComparer.Ordinal);
        foreach (var (name, path, value) in KnownFields(root, at, Fields, "a cohort definition", problems)!) fields[name] = (path, value);

        CohortCriterion? entry = null;
        if (fields.TryGetValue("entry", out var entryField)) entry = ReadCriterion(entryField.Value, entryField.Path, windowed: false, problems);
        else problems.Add($"{PathOf(at, "entry")}: required");

        var period = fields.TryGetValue("period", out var periodField) ? ReadPeriod(periodField.Value, periodField.Path, problems) : null;
        var require = fields.TryGetValue("require", out var requireField) ? ReadCriteria(requireField.Value, requireField.Path, problems) : [];
        var exclude = fields.TryGetValue("exclude", out var excludeField) ? ReadCriteria(excludeField.Value, excludeField.Path, problems) : [];
        var age = fields.TryGetValue("age", out var ageField) ? ReadAge(ageField.Value, ageField.Path, problems) : null;
        Sex? sex = null;
        if (fields.TryGetValue("sex", out var sexField) && ReadChoice(sexField.Value, sexField.Path, Sexes, "sex", problems) is { } sexName)
        {
            sex = Enum.GetValues<Sex>()[Array.IndexOf(Sexes, sexName)];
        }

        var pref = fields.TryGetValue("pref", out var prefField) ? ReadPrefectures(prefField.Value, prefField.Path, problems) : [];
        var hasOutcome = fields.TryGetValue("outcome", out var outcomeField);
        var outcome = hasOutcome ? ReadCriterion(outcomeField.Value, outcomeField.Path, windowed: true, problems) : null;
        var groupBy = fields.TryGetValue("groupBy", out var groupField) ? ReadGroupBy(groupField.Value, groupField.Path, hasOutcome, problems) : [];
        var minCell = ReadMinCell(fields, floor, problems) ?? Math.Max(CohortDefinition.DefaultMinCell, floor);

        SurvivalRequest? survival = null;
        if (fields.TryGetValue("survival", out var survivalField))
        {
            survival = ReadSurvival(survivalField.Value, survivalField.Path, problems);
            if (!hasOutcome) problems.Add($"{survivalField.Path}: needs an outcome, the event it times");
            else if (outcome is not null) outcome = StartAtDayZero(outcome, PathOf(at, "outcome"), problems);
        }

        if (problems.Count > before || entry is null) return null;
        return new CohortDefinition
        {
            Entry = entry,
            Period = period,
            Require = require,
            Exclude = exclude,
            Age = age,
            Sex = sex,
            Pref = pref,
            Outcome = outcome,
            GroupBy = groupBy,
            MinCell = minCell,
            Survival = survival,
        };
    }

    /// <summary>The <c>minCell</c> a request asks for (never below the server's <paramref name="floor"/>), or null when it asks none.</summary>
    internal static int? ReadMinCell(Dictionary<string, (string Path, JsonElement Value)> fields, int floor, List<string> problems)
    {
        if (!fields.TryGetValue("minCell", out var field) || ReadWhole(field.Value, field.Path, "people", problems) is not { } asked) return null;
        if (asked < floor) problems.Add($"{field.Path}: {asked} is below this server's floor of {floor}");
        return asked;
    }

    /// <summary>Survival times start at entry: <c>outcome.from</c> must be 0 or absent, and absent becomes 0.</summary>
    private static CohortCriterion StartAtDayZero(CohortCriterion outcome, string at, List<string> problems)
    {
        if (outcome.From is { } from && from != 0)
        {
            problems.Add($"{at}.from: must be 0 or absent with survival, not {from}");
        }
        else if (outcome.From is null && outcome.To is { } to && to < 0)
        {
            problems.Add($"{at}.to: must be at least 0 with survival, not {to}");
        }

        return outcome with { From = 0 };
    }

    /// <summary>A criterion without a window (an indicator's or a monitor's), its problems named by <paramref name="path"/>.</summary>
    internal static CohortCriterion? ReadCriterion(JsonElement element, string path, List<string> problems) =>
        ReadCriterion(element, path, windowed: false, problems);

    internal static CohortCriterion? ReadCriterion(JsonElement element, string path, bool windowed, List<string> problems)
    {
        if (Properties(element, path, problems) is not { } properties) return null;
        var kindAt = properties.FindIndex(p => p.Name == "kind");
        if (kindAt < 0)
        {
            problems.Add($"{path}.kind: required");
            return null;
        }

        if (ReadChoice(properties[kindAt].Value, properties[kindAt].Path, EventKinds.Choices, "kind", problems) is not { } kindName) return null;
        EventKinds.TryParse(kindName, out var kind);
        var allowed = CriterionTable.Of(kind).Fields;
        var criterion = new CohortCriterion { Kind = kind };
        foreach (var (name, at, value) in properties)
        {
            if (name == "kind") continue;
            if (Array.IndexOf(WindowFields, name) >= 0)
            {
                if (!windowed)
                {
                    problems.Add($"{at}: not a field of the entry criterion (a window is relative to the entry date)");
                    continue;
                }

                var days = ReadWhole(value, at, "days", problems);
                criterion = name == "from" ? criterion with { From = days } : criterion with { To = days };
                continue;
            }

            if (!allowed.Contains(name))
            {
                var listed = windowed ? allowed.Concat(WindowFields) : allowed;
                problems.Add(FieldProblems.NotAField(at, $"{FieldProblems.Article(kindName)} {kindName} criterion", listed));
                continue;
            }

            criterion = name switch
            {
                "code" => criterion with { Code = ReadCode(value, at, problems) },
                "procedure" => criterion with { Procedure = ReadCode(value, at, problems) },
                "drug" => criterion with { Drug = ReadCode(value, at, problems) },
                "min" => criterion with { Min = ReadNumber(value, at, problems) },
                "max" => criterion with { Max = ReadNumber(value, at, problems) },
                "complication" => criterion with { Complication = ReadBool(value, at, problems) },
                "type" => criterion with { Type = ReadChoice(value, at, EventDataParser.VitalTypes, "vital type", problems) },
                _ => criterion with { MaternalEntry = ReadChoice(value, at, EventDataParser.Entries, "maternal entry", problems) },
            };
        }

        if (criterion is { Min: { } min, Max: { } max } && min > max) problems.Add($"{path}: min {Number(min)} is above max {Number(max)}");
        if (criterion is { From: { } first, To: { } last } && first > last) problems.Add($"{path}: from {first} is after to {last}");
        return criterion;
    }

    private static ImmutableArray<CohortCriterion> ReadCriteria(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: must be an array of criteria, not {Describe(element)}");
            return [];
        }

        var criteria = ImmutableArray.CreateBuilder<CohortCriterion>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (ReadCriterion(item, $"{path}[{index++}]", windowed: true, problems) is { } criterion) criteria.Add(criterion);
        }

        return criteria.ToImmutable();
    }

    internal static DatePeriod? ReadPeriod(JsonElement element, string path, List<string> problems)
    {
        if (KnownFields(element, path, PeriodFields, "a period", problems) is not { } fields) return null;
        var period = new DatePeriod();
        foreach (var (name, at, value) in fields)
        {
            var date = ReadDate(value, at, problems);
            period = name == "from" ? period with { From = date } : period with { To = date };
        }

        if (period is { From: { } from, To: { } to } && from > to) problems.Add($"{path}: from {Day(from)} is after to {Day(to)}");
        return period;
    }

    private static AgeRange? ReadAge(JsonElement element, string path, List<string> problems)
    {
        if (KnownFields(element, path, AgeFields, "an age range", problems) is not { } fields) return null;
        var age = new AgeRange();
        foreach (var (name, at, value) in fields)
        {
            var years = ReadWhole(value, at, "years", problems);
            if (years < 0)
            {
                problems.Add($"{at}: must be at least 0, not {years}");
                years = null;
            }

            age = name == "min" ? age with { Min = years } : age with { Max = years };
        }

        if (age is { Min: { } min, Max: { } max } && min > max) problems.Add($"{path}: min {min} is above max {max}");
        return age;
    }

    private static ImmutableArray<string> ReadPrefectures(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: must be an array of prefecture codes, not {Describe(element)}");
            return [];
        }

        if (element.GetArrayLength() == 0)
        {
            // An empty list would read as "any prefecture" here and "no prefecture" to a reader: refuse the doubt.
            problems.Add($"{path}: must list at least one prefecture code (01..47)");
            return [];
        }

        var codes = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (ReadString(item, at, problems) is not { } text) continue;
            if (FeedFormats.Prefecture(text) is { } code) codes.Add(code);
            else problems.Add($"{at}: {FieldProblems.Quote(text)} is not a prefecture code (01..47)");
        }

        return codes.ToImmutable();
    }

    private static ImmutableArray<GroupKey> ReadGroupBy(JsonElement element, string path, bool hasOutcome, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: must be an array of group keys, not {Describe(element)}");
            return [];
        }

        var keys = ImmutableArray.CreateBuilder<GroupKey>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (ReadString(item, at, problems) is not { } name) continue;
            if (!GroupValues.TryParse(name, out var key))
            {
                problems.Add($"{at}: {FieldProblems.Quote(name)} is not a group key ({string.Join(", ", GroupValues.Names)})");
            }
            else if (keys.Contains(key))
            {
                problems.Add($"{at}: {FieldProblems.Quote(name)} is already in {path}");
            }
            else if (key == GroupKey.Outcome && !hasOutcome)
            {
                problems.Add($"{at}: \"outcome\" needs an outcome in the definition");
            }
            else
            {
                keys.Add(key);
            }
        }

        return keys.ToImmutable();
    }

    private static SurvivalRequest? ReadSurvival(JsonElement element, string path, List<string> problems)
    {
        if (KnownFields(element, path, SurvivalFields, "survival", problems) is not { } fields) return null;
        int? step = null;
        foreach (var (_, at, value) in fields)
        {
            step = ReadWhole(value, at, "days", problems);
            if (step is < SurvivalRequest.MinStep or > SurvivalRequest.MaxStep)
            {
                problems.Add($"{at}: must be from {SurvivalRequest.MinStep} to {SurvivalRequest.MaxStep} days, not {step}");
                step = null;
            }
        }

        if (fields.Count == 0) problems.Add($"{path}.step: required");
        return step is { } days ? new SurvivalRequest { Step = days } : null;
    }

    private static IEnumerable<string> Capped(List<string> problems, string what) =>
        problems.Count <= MaxProblems
            ? problems
            : problems.Take(MaxProblems).Append($"{what}: {problems.Count - MaxProblems} more problems not shown");


    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
