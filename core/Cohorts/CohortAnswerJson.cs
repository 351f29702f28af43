using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Linkage.Json;

namespace Linkage.Cohorts;

/// <summary>Writes a <see cref="CohortAnswer"/> in exactly cohort-v1's answer shape.</summary>
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
        writer.WriteStartArray("groups");
        foreach (var group in answer.Groups)
        {
            writer.WriteStartObject();
            WriteKey(writer, answer.GroupBy, group.Key);
            WriteCount(writer, "count", group.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("suppressed", answer.Suppressed);
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

    /// <summary>UTC, to the second when the instant is a whole second (<c>2026-11-24T03:12:09Z</c>), else with its fraction.</summary>
    private static string Instant(DateTimeOffset at) =>
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
