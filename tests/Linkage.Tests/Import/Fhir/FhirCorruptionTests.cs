using System.Text;
using Linkage.Client.Import;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>
/// A FHIR export with broken lines among good ones (cut JSON, wrong types, huge numbers, deep nesting, bytes that are
/// not UTF-8, a line of megabytes): every broken line is named on its line, the importer never throws, and the good
/// lines give exactly the events they give alone.
/// </summary>
public sealed class FhirCorruptionTests
{
    /// <summary>The export as one stream, Patients first, then the resources other resources do not refer to.</summary>
    private static readonly string[] Good =
    [
        .. File.ReadAllLines(PathOf("fhir", "Patient.ndjson")),
        .. File.ReadAllLines(PathOf("fhir", "Observation.ndjson")),
        .. File.ReadAllLines(PathOf("fhir", "MedicationDispense.ndjson")),
        .. File.ReadAllLines(PathOf("fhir", "MedicationRequest.ndjson")),
        .. File.ReadAllLines(PathOf("fhir", "Procedure.ndjson")),
        .. File.ReadAllLines(PathOf("fhir", "Condition.ndjson")),
    ];

    private static IFeedImporter Importer() => FeedImporters.Create(FeedFormat.Fhir, Options(withMaster: true));

    private static async Task<List<ImportedLine>> ReadAsync(byte[] bytes)
    {
        var lines = await ReadBytesAsync(Importer(), bytes, "export.ndjson");
        Corruption.AllAccountedFor(lines);
        return lines;
    }

    private static byte[] Ndjson(IEnumerable<byte[]> lines) => [.. lines.SelectMany(l => l.Concat("\n"u8.ToArray()))];

    private static async Task<Dictionary<string, FeedEvent>> GoodEventsAsync() =>
        (await ReadAsync(Ndjson(Good.Select(Encoding.UTF8.GetBytes)))).Where(l => l.IsEvent).Select(l => l.Event!).ToDictionary(e => e.RecordId);

    /// <summary>Broken lines, each with the start of the reason it must get.</summary>
    private static IEnumerable<(byte[] Line, string Reason)> Broken()
    {
        var observation = Good.First(l => l.Contains("\"Observation\"", StringComparison.Ordinal) && l.Contains("\"o1\"", StringComparison.Ordinal));
        const string NotFhir = "Observation: Observation is not valid FHIR R4 JSON: ";
        yield return (Encoding.UTF8.GetBytes(observation[..(observation.Length / 2)]), NotFhir + "Expected end of string, but instead reached end of data");
        yield return (Encoding.UTF8.GetBytes(observation[..40]), NotFhir);
        yield return (Encoding.UTF8.GetBytes("""{"resourceType":"Observation","id":"w1","status":5,"code":{"coding":[]}}"""), NotFhir);
        yield return (Encoding.UTF8.GetBytes("""{"resourceType":"Patient","id":"w2","gender":["female"],"birthDate":19500314}"""), "Patient: Patient is not valid FHIR R4 JSON");
        yield return (Encoding.UTF8.GetBytes(observation.Replace("\"o1\"", "\"h1\"", StringComparison.Ordinal).Replace("8.1", "1e400", StringComparison.Ordinal)), NotFhir);
        yield return (Encoding.UTF8.GetBytes(observation.Replace("\"o1\"", "\"h2\"", StringComparison.Ordinal).Replace("8.1", new string('9', 400), StringComparison.Ordinal)), "Observation: Observation is not valid FHIR R4 JSON");
        yield return (Encoding.UTF8.GetBytes("""{"resourceType":"Observation","id":"d1","extension":""" + new string('[', 10_000) + new string(']', 10_000) + "}"), NotFhir + "The maximum configured depth of 64 has been exceeded");
        var invalid = Encoding.UTF8.GetBytes(observation.Replace("\"o1\"", "\"u1\"", StringComparison.Ordinal)).ToList();
        invalid.InsertRange(invalid.IndexOf((byte)'u') + 1, new byte[] { 0xC3, 0x28, 0xFF });
        yield return ([.. invalid], "line {0}: not UTF-8 (byte ");
        yield return (Encoding.UTF8.GetBytes("""{"resourceType":"Observation","id":"big","note":[{"text":""" + "\"" + new string('x', 10 * 1024 * 1024) + "\"}]}"), "line {0}: longer than 4194304 bytes (");
        yield return ("[1,2,3]"u8.ToArray(), "the line is not a JSON object");
        yield return ("null"u8.ToArray(), "the line is not a JSON object");
        yield return ("{}"u8.ToArray(), "the JSON object has no resourceType");
        yield return ("""{"resourceType":7}"""u8.ToArray(), "resourceType is not a string");
        yield return ("""{"\ud800":1,"resourceType":"Patient"}"""u8.ToArray(), "the line holds a name or resourceType that is not valid text");
        yield return ("""{"resourceType":"Obs\ud800"}"""u8.ToArray(), "the line holds a name or resourceType that is not valid text");
    }

    [Fact]
    public async Task Every_broken_line_is_named_and_the_good_lines_around_it_give_their_events()
    {
        var good = await GoodEventsAsync();
        var broken = Broken().ToList();

        // A broken line after each good line, the first among the Patients.
        var lines = new List<byte[]>();
        var brokenAt = new List<(int Line, string Reason)>();
        for (var i = 0; i < Good.Length; i++)
        {
            lines.Add(Encoding.UTF8.GetBytes(Good[i]));
            if (i >= broken.Count) continue;
            lines.Add(broken[i].Line);
            brokenAt.Add((lines.Count, string.Format(System.Globalization.CultureInfo.InvariantCulture, broken[i].Reason, lines.Count)));
        }

        Assert.Equal(broken.Count, brokenAt.Count);
        var read = await ReadAsync(Ndjson(lines));

        var wrong = brokenAt
            .Select(b => (b.Line, b.Reason, Answers: read.Where(l => l.Line == b.Line).ToList()))
            .Where(b => b.Answers.Count != 1 || b.Answers[0].IsEvent || !b.Answers[0].Reason!.StartsWith(b.Reason, StringComparison.Ordinal))
            .Select(b => $"line {b.Line}: expected \"{b.Reason}...\", got {string.Join(" | ", b.Answers.Select(l => l.Reason ?? "an event"))}");
        Assert.True(!wrong.Any(), string.Join("\n", wrong));

        Assert.Equal(good.Values.OrderBy(e => e.RecordId, StringComparer.Ordinal), read.Where(l => l.IsEvent).Select(l => l.Event!).OrderBy(e => e.RecordId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Random_bytes_never_stop_the_importer_nor_change_a_line_they_missed()
    {
        var good = await GoodEventsAsync();
        var bytes = Ndjson(Good.Select(Encoding.UTF8.GetBytes));

        // A line's events depend on its own bytes, the line end before it, and the Patients and Conditions.
        var starts = Enumerable.Range(1, Good.Length).Select(n => Corruption.LineStart(bytes, n)).Append(bytes.Length).ToArray();
        var shared = Enumerable.Range(0, Good.Length).Where(i => Good[i].Contains("\"Patient\"", StringComparison.Ordinal) || Good[i].Contains("\"Condition\"", StringComparison.Ordinal)).ToList();

        for (var seed = 0; seed < 100; seed++)
        {
            var (damaged, at) = Corruption.Flip(bytes, new Random(seed), count: 3);

            var read = await ReadAsync(damaged);

            bool Hit(int i) => at.Any(a => a >= starts[i] - 1 && a < starts[i + 1]);
            if (shared.Any(Hit)) continue;
            for (var i = 0; i < Good.Length; i++)
            {
                if (Hit(i) || shared.Contains(i)) continue;
                // By record id: a line end made or lost elsewhere moves the line numbers after it.
                var id = RecordIdOf(Good[i]);
                foreach (var expected in good.Values.Where(e => e.RecordId == id || e.RecordId.StartsWith(id + "/", StringComparison.Ordinal)))
                {
                    Assert.True(read.Any(l => Equals(l.Event, expected)), $"seed {seed}: bytes {string.Join(", ", at)} missed line {i + 1}, yet {expected.RecordId} is not as it was");
                }
            }
        }
    }

    /// <summary><c>Type/id</c> of a resource line, the record id of its event (or the prefix of its components').</summary>
    private static string RecordIdOf(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(line);
        return $"{json.RootElement.GetProperty("resourceType").GetString()}/{json.RootElement.GetProperty("id").GetString()}";
    }
}
