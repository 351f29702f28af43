using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Linkage.Json;

namespace Linkage.Cohorts;

/// <summary>Writes a <see cref="CohortAnswer"/> in exactly cohort-v1's answer shape, and reads one back (research clients).</summary>
public static class CohortAnswerJson
{
    /// <summary>The answer as one line of JSON.</summary>
    public static string ToJson(CohortAnswer answer) => JsonLine.Of(answer, Write);

    public static void Write(Utf8JsonWriter writer, CohortAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answer);
        writer.WriteStartObject();
        writer.WriteString("asOf", Instant(answer.AsOf));
        writer.WriteNumber("minCell", answer.MinCell);
        WriteCount(writer, "total", answer.Total);

        // Optional fields beside cohort-v1's, written only when true: which nulls hide counts of minCell or more,
        // and whether the counts are perturbed.
        if (answer.TotalComplementary) writer.WriteBoolean("totalComplementary", true);
        writer.WriteStartArray("groups");
        foreach (var group in answer.Groups)
        {
            writer.WriteStartObject();
            WriteKey(writer, answer.GroupBy, group.Key);
            WriteCount(writer, "count", group.Count);
            if (group.Complementary) writer.WriteBoolean("complementary", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("suppressed", answer.Suppressed);
        if (answer.Perturbed) writer.WriteBoolean("perturbed", true);
        if (answer.Survival is { } tables)
        {
            var keys = answer.GroupBy.Remove(GroupKey.Outcome);
            writer.WriteStartArray("survival");
            foreach (var table in tables)
            {
                writer.WriteStartObject();
                WriteKey(writer, keys, table.Key);
                writer.WriteStartArray("intervals");
                foreach (var interval in table.Intervals)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("from", interval.From);
                    writer.WriteNumber("to", interval.To);
                    writer.WriteNumber("atRisk", interval.AtRisk);
                    writer.WriteNumber("events", interval.Events);
                    writer.WriteNumber("censored", interval.Censored);
                    writer.WriteNumber("survival", interval.Survival);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads an answer the API wrote. <c>groupBy</c> is not in the answer: it is taken from the first group's key
    /// names (or the first table's, with <c>outcome</c> first added back where the groups had it).
    /// </summary>
    /// <exception cref="JsonException">The text is not a cohort-v1 answer.</exception>
    public static CohortAnswer Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var groups = root.GetProperty("groups").EnumerateArray().ToList();
            var groupBy = groups.Count > 0 ? KeyNames(groups[0].GetProperty("key")) : [];
            var survival = root.TryGetProperty("survival", out var tables) && tables.ValueKind == JsonValueKind.Array
                ? tables.EnumerateArray().Select(t => new SurvivalTable
                {
                    Key = Values(t.GetProperty("key")),
                    Intervals = [.. t.GetProperty("intervals").EnumerateArray().Select(i => new SurvivalInterval
                    {
                        From = i.GetProperty("from").GetInt32(),
                        To = i.GetProperty("to").GetInt32(),
                        AtRisk = i.GetProperty("atRisk").GetInt64(),
                        Events = i.GetProperty("events").GetInt64(),
                        Censored = i.GetProperty("censored").GetInt64(),
                        Survival = i.GetProperty("survival").GetDouble(),
                    })],
                }).ToImmutableArray()
                : (ImmutableArray<SurvivalTable>?)null;
            if (groups.Count == 0 && survival is { Length: > 0 }) groupBy = KeyNames(tables[0].GetProperty("key"));
            return new CohortAnswer
            {
                AsOf = root.GetProperty("asOf").GetDateTimeOffset(),
                MinCell = root.GetProperty("minCell").GetInt32(),
                Total = Count(root.GetProperty("total")),
                GroupBy = groupBy,
                Groups = [.. groups.Select(g => new CohortGroup
                {
                    Key = Values(g.GetProperty("key")), Count = Count(g.GetProperty("count")), Complementary = Flag(g, "complementary"),
                })],
                Suppressed = root.GetProperty("suppressed").GetInt32(),
                Perturbed = Flag(root, "perturbed"),
                TotalComplementary = Flag(root, "totalComplementary"),
                Survival = survival,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"not a cohort-v1 answer: {e.Message}", e);
        }
    }

    private static ImmutableArray<GroupKey> KeyNames(JsonElement key) =>
        [.. key.EnumerateObject().Select(p => GroupValues.TryParse(p.Name, out var k) ? k : throw new FormatException($"unknown group key '{p.Name}'"))];

    private static ImmutableArray<string> Values(JsonElement key) => [.. key.EnumerateObject().Select(p => p.Value.GetString() ?? "")];

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    private static long? Count(JsonElement count) => count.ValueKind == JsonValueKind.Null ? null : count.GetInt64();

    /// <summary>UTC, to the second when the instant is a whole second (<c>2026-11-24T03:12:09Z</c>), else with its fraction.</summary>
    internal static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteKey(Utf8JsonWriter writer, ImmutableArray<GroupKey> names, ImmutableArray<string> values)
    {
        writer.WriteStartObject("key");
        for (var i = 0; i < names.Length; i++) writer.WriteString(GroupValues.Name(names[i]), values[i]);
        writer.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter writer, string name, long? count)
    {
        if (count is { } value) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }
}
