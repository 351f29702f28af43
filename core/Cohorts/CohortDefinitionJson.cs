using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Linkage.Feeds;
using Linkage.Json;

namespace Linkage.Cohorts;

/// <summary>Writes a definition back as cohort-v1 JSON (the audit log, the workbench); the parser reads it back equal.</summary>
public static class CohortDefinitionJson
{
    /// <summary>The definition as one line of JSON, fields in the contract's order, absent ones left out.</summary>
    public static string ToJson(CohortDefinition definition) => JsonLine.Of(definition, Write);

    public static void Write(Utf8JsonWriter writer, CohortDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(definition);
        writer.WriteStartObject();
        writer.WritePropertyName("entry");
        WriteCriterion(writer, definition.Entry);
        if (definition.Period is { } period)
        {
            writer.WriteStartObject("period");
            if (period.From is { } from) writer.WriteString("from", Day(from));
            if (period.To is { } to) writer.WriteString("to", Day(to));
            writer.WriteEndObject();
        }

        WriteCriteria(writer, "require", definition.Require);
        WriteCriteria(writer, "exclude", definition.Exclude);
        if (definition.Age is { } age)
        {
            writer.WriteStartObject("age");
            if (age.Min is { } min) writer.WriteNumber("min", min);
            if (age.Max is { } max) writer.WriteNumber("max", max);
            writer.WriteEndObject();
        }

        if (definition.Sex is { } sex) writer.WriteString("sex", GroupValues.Sex(sex));
        if (!definition.Pref.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("pref");
            foreach (var pref in definition.Pref) writer.WriteStringValue(pref);
            writer.WriteEndArray();
        }

        if (definition.Outcome is { } outcome)
        {
            writer.WritePropertyName("outcome");
            WriteCriterion(writer, outcome);
        }

        if (!definition.GroupBy.IsDefaultOrEmpty)
        {
            writer.WriteStartArray("groupBy");
            foreach (var key in definition.GroupBy) writer.WriteStringValue(GroupValues.Name(key));
            writer.WriteEndArray();
        }

        writer.WriteNumber("minCell", definition.MinCell);
        if (definition.Survival is { } survival)
        {
            writer.WriteStartObject("survival");
            writer.WriteNumber("step", survival.Step);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteCriteria(Utf8JsonWriter writer, string name, ImmutableArray<CohortCriterion> criteria)
    {
        if (criteria.IsDefaultOrEmpty) return;
        writer.WriteStartArray(name);
        foreach (var criterion in criteria) WriteCriterion(writer, criterion);
        writer.WriteEndArray();
    }

    public static void WriteCriterion(Utf8JsonWriter writer, CohortCriterion criterion)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", EventKinds.Name(criterion.Kind));
        if (criterion.Code is not null) writer.WriteString("code", criterion.Code);
        if (criterion.Procedure is not null) writer.WriteString("procedure", criterion.Procedure);
        if (criterion.Drug is not null) writer.WriteString("drug", criterion.Drug);
        if (criterion.Type is not null) writer.WriteString("type", criterion.Type);
        if (criterion.MaternalEntry is not null) writer.WriteString("entry", criterion.MaternalEntry);
        if (criterion.Complication is { } complication) writer.WriteBoolean("complication", complication);
        if (criterion.Min is { } min) writer.WriteNumber("min", min);
        if (criterion.Max is { } max) writer.WriteNumber("max", max);
        if (criterion.From is { } from) writer.WriteNumber("from", from);
        if (criterion.To is { } to) writer.WriteNumber("to", to);
        writer.WriteEndObject();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
