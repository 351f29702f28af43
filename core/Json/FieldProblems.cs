using System.Globalization;
using System.Text;

namespace Linkage.Json;

/// <summary>
/// The wording of every problem with a JSON field, for feed lines (events-v1) and request bodies (cohort, safety,
/// surveillance and benchmark definitions) alike: the field's path first, then what is wrong, the bad value quoted.
/// </summary>
public static class FieldProblems
{
    /// <summary>At most this many characters of a bad value are echoed in a reason.</summary>
    public const int MaxEcho = 60;

    public static string Required(string path) => $"{path}: required";

    public static string NotFinite(string path, string number) => $"{path}: {number} is not a finite number";

    public static string Duplicate(string path) => $"{path}: appears more than once";

    public static string MustBe(string path, string what) => $"{path}: must be {what}";

    /// <summary>A request body's wording, which also says what came instead.</summary>
    public static string MustBe(string path, string what, string found) => $"{path}: must be {what}, not {found}";

    public static string Empty(string path) => $"{path}: must not be empty";

    public static string TooLong(string path, string value, int maxLength) => $"{path}: {Quote(value)} is longer than {maxLength} characters";

    public static string ControlCharacter(string path, string value) => $"{path}: {Quote(value)} contains a control character";

    public static string NotAField(string path, string what, IEnumerable<string> fields) => $"{path}: not a field of {what} ({string.Join(", ", fields)})";

    /// <summary>A request's choice field: <c>"X" is not a sex (M, F, U)</c>.</summary>
    public static string NotAChoice(string path, string value, string what, IEnumerable<string> choices) =>
        $"{path}: {Quote(value)} is not {Article(what)} {what} ({string.Join(", ", choices)})";

    public static string NotADate(string path, string value, bool wellFormed) =>
        wellFormed ? $"{path}: {Quote(value)} is not a real date (YYYY-MM-DD)" : $"{path}: {Quote(value)} is not a date (YYYY-MM-DD)";

    /// <summary>A value as a reason shows it: quoted, control characters escaped, cut after <see cref="MaxEcho"/> characters.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(Math.Min(value.Length, MaxEcho) + 4).Append('"');
        var shown = 0;
        for (var i = 0; i < value.Length; i++, shown++)
        {
            if (shown == MaxEcho)
            {
                text.Append('…');
                break;
            }

            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20 || c is >= '\u007f' and <= '\u009f' || char.IsSurrogate(c))
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>"a" or "an" before <paramref name="word"/>.</summary>
    public static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
