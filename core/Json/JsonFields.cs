using System.Text.Json;
using Linkage.Feeds;

namespace Linkage.Json;

/// <summary>
/// Reads the fields of a JSON request body (a cohort-v1 definition, a safety, surveillance or benchmark request) from
/// its parsed document: each reader returns the value, or null after adding a problem naming the field's path
/// (<see cref="FieldProblems"/>'s wording). JSON <c>null</c> counts as absent.
/// </summary>
internal static class JsonFields
{
    /// <summary>
    /// The fields of an object that are among <paramref name="names"/>, those of <paramref name="what"/>; the others
    /// are reported. Null when the value is not an object.
    /// </summary>
    public static List<(string Name, string Path, JsonElement Value)>? KnownFields(
        JsonElement element, string path, string[] names, string what, List<string> problems)
    {
        if (Properties(element, path, problems) is not { } properties) return null;
        foreach (var (name, at, _) in properties)
        {
            if (Array.IndexOf(names, name) < 0) problems.Add(FieldProblems.NotAField(at, what, names));
        }

        properties.RemoveAll(p => Array.IndexOf(names, p.Name) < 0);
        return properties;
    }

    /// <summary>
    /// The fields of an object in document order, JSON nulls left out, each name's second appearance reported.
    /// Null when the value is not an object.
    /// </summary>
    public static List<(string Name, string Path, JsonElement Value)>? Properties(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(FieldProblems.MustBe(path, "an object", Describe(element)));
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<(string Name, string Path, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
        {
            var at = PathOf(path, property.Name);
            if (!seen.Add(property.Name))
            {
                problems.Add(FieldProblems.Duplicate(at));
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Null) properties.Add((property.Name, at, property.Value));
        }

        return properties;
    }

    public static string? ReadString(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            problems.Add(FieldProblems.MustBe(path, "a string", Describe(element)));
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            problems.Add($"{path}: contains an unpaired surrogate escape");
            return null;
        }
    }

    /// <summary>One of <paramref name="choices"/> (exact spelling), which are <paramref name="what"/>s.</summary>
    public static string? ReadChoice(JsonElement element, string path, string[] choices, string what, List<string> problems)
    {
        if (ReadString(element, path, problems) is not { } text) return null;
        var index = Array.IndexOf(choices, text);
        if (index >= 0) return choices[index];
        problems.Add(FieldProblems.NotAChoice(path, text, what, choices));
        return null;
    }

    /// <summary>A code prefix: as events-v1 codes, 1..32 printable characters.</summary>
    public static string? ReadCode(JsonElement element, string path, List<string> problems)
    {
        if (ReadString(element, path, problems) is not { } code) return null;
        switch (FeedFormats.CheckPrintable(code, FeedFormats.MaxCodeLength))
        {
            case TextProblem.None:
                return code;
            case TextProblem.Empty:
                problems.Add($"{path}: must not be empty (it would match every code)");
                return null;
            case TextProblem.TooLong:
                problems.Add(FieldProblems.TooLong(path, code, FeedFormats.MaxCodeLength));
                return null;
            default:
                problems.Add(FieldProblems.ControlCharacter(path, code));
                return null;
        }
    }

    public static double? ReadNumber(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        problems.Add(element.ValueKind == JsonValueKind.Number
            ? FieldProblems.NotFinite(path, Raw(element))
            : FieldProblems.MustBe(path, "a number", Describe(element)));
        return null;
    }

    /// <summary>A whole number, also when written with a fraction of zero (<c>30.0</c>), as tools that write every number as a float do.</summary>
    public static int? ReadWhole(JsonElement element, string path, string unit, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            problems.Add(FieldProblems.MustBe(path, $"a whole number of {unit}", Describe(element)));
            return null;
        }

        if (element.TryGetInt32(out var whole)) return whole;
        if (!element.TryGetDouble(out var number) || !double.IsFinite(number) || number != Math.Floor(number))
        {
            problems.Add(FieldProblems.MustBe(path, $"a whole number of {unit}", Raw(element)));
            return null;
        }

        if (number is >= int.MinValue and <= int.MaxValue) return (int)number;
        problems.Add($"{path}: {Raw(element)} is out of range");
        return null;
    }

    public static bool? ReadBool(JsonElement element, string path, List<string> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                problems.Add(FieldProblems.MustBe(path, "true or false", Describe(element)));
                return null;
        }
    }

    public static DateOnly? ReadDate(JsonElement element, string path, List<string> problems)
    {
        if (ReadString(element, path, problems) is not { } text) return null;
        if (FeedFormats.TryParseDate(text, out var date, out var wellFormed)) return date;
        problems.Add(FieldProblems.NotADate(path, text, wellFormed));
        return null;
    }

    /// <summary><c>parent.name</c>, or <c>parent["odd name"]</c> for a name that is not a plain identifier.</summary>
    public static string PathOf(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.Length <= FieldProblems.MaxEcho && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!plain) return $"{parent}[{FieldProblems.Quote(name)}]";
        return parent.Length == 0 ? name : $"{parent}.{name}";
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A number as the client wrote it (ASCII by JSON's grammar), cut short.</summary>
    public static string Raw(JsonElement number)
    {
        var text = number.GetRawText();
        return text.Length <= FieldProblems.MaxEcho ? text : text[..FieldProblems.MaxEcho] + "…";
    }
}
