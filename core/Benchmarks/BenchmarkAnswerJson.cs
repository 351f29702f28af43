using System.Globalization;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Json;

namespace Linkage.Benchmarks;

/// <summary>Writes a <see cref="BenchmarkAnswer"/> in exactly benchmark-v1's answer shape: expected to 3 decimals, ratios and limits to 4.</summary>
public static class BenchmarkAnswerJson
{
    /// <summary>The answer as one line of JSON.</summary>
    public static string ToJson(BenchmarkAnswer answer) => JsonLine.Of(answer, Write);

    public static void Write(Utf8JsonWriter writer, BenchmarkAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answer);
        writer.WriteStartObject();
        writer.WriteString("asOf", CohortAnswerJson.Instant(answer.AsOf));
        writer.WriteNumber("minCell", answer.MinCell);
        writer.WriteStartArray("adjust");
        foreach (var key in answer.Adjust) writer.WriteStringValue(GroupValues.Name(key));
        writer.WriteEndArray();
        if (answer.Unattributed is { } unattributed) writer.WriteNumber("unattributed", unattributed);
        else writer.WriteNull("unattributed");
        writer.WriteNumber("tau2", Math.Round(answer.Tau2, 6));
        writer.WriteStartArray("facilities");
        foreach (var facility in answer.Facilities)
        {
            writer.WriteStartObject();
            writer.WriteString("facility", facility.Facility);
            writer.WriteNumber("n", facility.People);
            if (facility.Observed is { } observed) writer.WriteNumber("observed", observed);
            else writer.WriteNull("observed");
            writer.WriteNumber("expected", Math.Round(facility.Expected, 3));
            WriteRatio(writer, "smr", facility.Smr);
            writer.WriteStartArray("limits");
            foreach (var limit in facility.Limits)
            {
                writer.WriteStartObject();
                writer.WriteNumber("coverage", limit.Coverage);
                WriteRatio(writer, "low", limit.Low);
                WriteRatio(writer, "high", limit.High);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("flag", Name(facility.Flag));
            writer.WriteStartArray("flags");
            foreach (var flag in facility.Flags) writer.WriteStringValue(Name(flag));
            writer.WriteEndArray();

            // Optional beside benchmark-v1's fields: this null hides a count that is not small itself.
            if (facility.Complementary) writer.WriteBoolean("complementary", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("suppressed", answer.Suppressed);
        writer.WriteEndObject();
    }

    /// <summary><c>within</c>, <c>high</c> or <c>low</c>.</summary>
    public static string Name(FunnelFlag flag) => flag switch
    {
        FunnelFlag.Within => "within",
        FunnelFlag.High => "high",
        FunnelFlag.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "not a funnel flag"),
    };

    private static void WriteRatio(Utf8JsonWriter writer, string name, double? ratio)
    {
        if (ratio is { } value) writer.WriteNumber(name, Math.Round(value, 4));
        else writer.WriteNull(name);
    }
}
