using System.Text;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Fuzz;

/// <summary>
/// Bad ingest bodies of every kind issue 10 names, each between valid records (and, for the body cut short, after
/// them), with what must hold of any answer: each non-blank line accepted or named, the valid records intact.
/// </summary>
public static class FuzzBodies
{
    /// <summary>The kinds of damage, by name.</summary>
    public static readonly string[] Kinds =
    [
        "random bytes", "truncated JSON", "invalid UTF-8", "a 10 MB single line", "deeply nested JSON", "wrong types",
        "huge numbers", "duplicate keys", "control characters", "100,000 lines of garbage", "a body that stops mid-line",
    ];

    /// <summary>A body: the damage of <paramref name="kind"/> (the same for the same seed) between <paramref name="valid"/> records.</summary>
    public static FuzzBody Make(string kind, int seed, IReadOnlyList<FeedEvent> valid)
    {
        var random = new Random(seed);
        var body = new MemoryStream();
        var half = valid.Count / 2;

        // A valid record may spread its tokens with bare carriage returns, which JSON takes as whitespace.
        foreach (var e in valid.Take(half)) Line(body, Encoding.UTF8.GetBytes(FeedEventJson.ToJson(e).Replace(",\"", ",\r\"", StringComparison.Ordinal)));
        var cutShort = kind == "a body that stops mid-line";
        if (cutShort) foreach (var e in valid.Skip(half)) Line(body, Encoding.UTF8.GetBytes(FeedEventJson.ToJson(e)));
        foreach (var line in Damage(kind, random)) Line(body, line);
        if (!cutShort) foreach (var e in valid.Skip(half)) Line(body, Encoding.UTF8.GetBytes(FeedEventJson.ToJson(e)));
        else body.SetLength(body.Length - 1);
        return new FuzzBody(kind, body.ToArray(), valid.Count);
    }

    private static void Line(MemoryStream body, byte[] line)
    {
        body.Write(line);
        body.WriteByte((byte)'\n');
    }

    private static string Template(Random random) => FeedEventJson.ToJson(Lab("fuzz", "f" + random.Next(), 1, Mid("fuzz-" + random.Next())));

    private static IEnumerable<byte[]> Damage(string kind, Random random)
    {
        switch (kind)
        {
            case "random bytes":
                var bytes = new byte[64 * 1024];
                random.NextBytes(bytes);
                yield return bytes;
                break;
            case "truncated JSON":
                for (var i = 0; i < 50; i++)
                {
                    var line = Template(random);
                    yield return Encoding.UTF8.GetBytes(line[..random.Next(1, line.Length - 1)]);
                }

                break;
            case "invalid UTF-8":
                foreach (var bad in new byte[][] { [0xFF], [0xC3, 0x28], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE3, 0x81] })
                {
                    var line = Encoding.UTF8.GetBytes(Template(random));
                    var at = Array.IndexOf(line, (byte)'f', Array.IndexOf(line, (byte)':') + 1);
                    yield return [.. line[..at], .. bad, .. line[at..]];
                }

                break;
            case "a 10 MB single line":
                yield return Encoding.UTF8.GetBytes("{\"source\":\"" + new string('a', 10 * 1024 * 1024) + "\"}");
                break;
            case "deeply nested JSON":
                yield return Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000));
                yield return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
                yield return Encoding.UTF8.GetBytes(Template(random).Replace("\"value\":8.1", "\"value\":" + new string('[', 200) + "8.1" + new string(']', 200), StringComparison.Ordinal));
                break;
            case "wrong types":
                foreach (var (from, to) in new[]
                {
                    ("\"version\":1", "\"version\":\"1\""), ("\"version\":1", "\"version\":1.5"), ("\"version\":1", "\"version\":true"),
                    ("\"kind\":\"lab\"", "\"kind\":3"), ("\"date\":\"2024-04-15\"", "\"date\":20240415"), ("\"sex\":\"F\"", "\"sex\":1"),
                    ("\"value\":8.1", "\"value\":\"8.1\""), ("\"value\":8.1", "\"value\":null"), ("\"subject\":{", "\"subject\":[{"),
                })
                {
                    yield return Encoding.UTF8.GetBytes(Template(random).Replace(from, to, StringComparison.Ordinal));
                }

                yield return "[]"u8.ToArray();
                yield return "\"a string\""u8.ToArray();
                yield return "null"u8.ToArray();
                yield return "42"u8.ToArray();
                break;
            case "huge numbers":
                foreach (var (from, to) in new[]
                {
                    ("\"version\":1", "\"version\":99999999999999999999999999"), ("\"version\":1", "\"version\":1e400"),
                    ("\"version\":1", "\"version\":-1"), ("\"version\":1", "\"version\":0"), ("\"value\":8.1", "\"value\":1e309"),
                    ("\"value\":8.1", "\"value\":-1e309"), ("\"value\":8.1", "\"value\":" + new string('9', 5000)),
                })
                {
                    yield return Encoding.UTF8.GetBytes(Template(random).Replace(from, to, StringComparison.Ordinal));
                }

                break;
            case "duplicate keys":
                foreach (var field in new[] { "source", "recordId", "version", "kind", "date", "subject", "data" })
                {
                    var line = Template(random);
                    var at = line.IndexOf($"\"{field}\":", StringComparison.Ordinal);
                    var end = FieldEnd(line, at);
                    yield return Encoding.UTF8.GetBytes(line[..end] + "," + line[at..end] + line[end..]);
                }

                break;
            case "control characters":
                yield return "\0\0\0\0"u8.ToArray();
                yield return Encoding.UTF8.GetBytes(Template(random).Replace("fuzz", "fu\u0001zz", StringComparison.Ordinal));
                yield return Encoding.UTF8.GetBytes(Template(random).Replace("\"lab\"", "\"la\tb\"", StringComparison.Ordinal));
                yield return Encoding.UTF8.GetBytes("\u001b[31m" + Template(random));
                yield return "\uFEFF{}"u8.ToArray();
                break;
            case "100,000 lines of garbage":
                const string alphabet = "{}[]\":,0123456789abcdefghijklmnopqrstuvwxyz \t\\";
                for (var i = 0; i < 100_000; i++)
                {
                    var line = new char[1 + random.Next(40)];
                    for (var c = 0; c < line.Length; c++) line[c] = alphabet[random.Next(alphabet.Length)];
                    if (string.IsNullOrWhiteSpace(new string(line))) line[0] = 'x';
                    yield return Encoding.UTF8.GetBytes(line);
                }

                break;
            case "a body that stops mid-line":
                var last = Template(random);
                yield return Encoding.UTF8.GetBytes(last[..(last.Length / 2)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of damage");
        }
    }

    /// <summary>Where the value of the field starting at <paramref name="at"/> ends (one level of nesting, no escapes in the template).</summary>
    private static int FieldEnd(string line, int at)
    {
        var depth = 0;
        var inString = false;
        for (var i = line.IndexOf(':', at) + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"') inString = !inString;
            else if (inString) continue;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']' && depth-- == 0) return i;
            else if (c == ',' && depth == 0) return i;
        }

        return line.Length;
    }
}

/// <summary>A fuzzed body and how many valid records it holds.</summary>
public sealed record FuzzBody(string Kind, byte[] Bytes, int ValidRecords)
{
    /// <summary>The non-blank lines by api-v1's rules (ends at '\n', a '\r' before it dropped, a BOM on line 1 dropped), by number.</summary>
    public IReadOnlyList<int> NonBlankLines()
    {
        var lines = new List<int>();
        var number = 0;
        var start = 0;
        while (start < Bytes.Length)
        {
            var end = Array.IndexOf(Bytes, (byte)'\n', start);
            if (end < 0) end = Bytes.Length;
            number++;
            var line = Bytes.AsSpan(start, end - start);
            if (number == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
            if (line.IndexOfAnyExcept(" \t\r"u8) >= 0) lines.Add(number);
            start = end + 1;
        }

        return lines;
    }
}
