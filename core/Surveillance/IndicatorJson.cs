using System.Globalization;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Json;

namespace Linkage.Surveillance;

/// <summary>Indicators and series lines as surveillance-v1 writes them.</summary>
public static class IndicatorJson
{
    public static string ToJson(string name, IndicatorDefinition definition) => JsonLine.Of((name, definition), (w, v) => Write(w, v.name, v.definition));

    public static void Write(Utf8JsonWriter writer, string name, IndicatorDefinition definition)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartArray("anyOf");
        foreach (var criterion in definition.AnyOf) CohortDefinitionJson.WriteCriterion(writer, criterion);
        writer.WriteEndArray();
        writer.WriteNumber("episodeDays", definition.EpisodeDays);
        writer.WriteEndObject();
    }

    /// <summary>One line of a series: <c>{"day", "pref", "count", "c1", "c2", "c3", "alarm"}</c>.</summary>
    public static string SeriesLine(DateOnly day, string pref, long count, EarsDay ears) => JsonLine.Of((day, pref, count, ears), static (writer, line) =>
    {
        writer.WriteStartObject();
        writer.WriteString("day", line.day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteString("pref", line.pref);
        writer.WriteNumber("count", line.count);
        Statistic(writer, "c1", line.ears.C1);
        Statistic(writer, "c2", line.ears.C2);
        Statistic(writer, "c3", line.ears.C3);
        writer.WriteStartArray("alarm");
        foreach (var detector in line.ears.Alarms) writer.WriteStringValue(detector);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void Statistic(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
