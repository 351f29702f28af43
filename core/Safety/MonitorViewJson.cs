using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Json;

namespace Linkage.Safety;

/// <summary>Writes a monitor as safety-v1 shows it: its definition, then n, c, llr, cv, alphaSpent, p0, state and signals.</summary>
public static class MonitorViewJson
{
    public static string ToJson(MonitorView view) => JsonLine.Of(view, Write);

    public static string ToJson(IReadOnlyList<MonitorView> views) => JsonLine.Of(views, (writer, all) =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("monitors");
        foreach (var view in all) Write(writer, view);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static void Write(Utf8JsonWriter writer, MonitorView view)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(view);
        var definition = view.Definition;
        writer.WriteStartObject();
        writer.WriteString("name", definition.Name);
        writer.WritePropertyName("exposure");
        CohortDefinitionJson.WriteCriterion(writer, definition.Exposure);
        writer.WritePropertyName("outcome");
        CohortDefinitionJson.WriteCriterion(writer, definition.Outcome);
        WriteWindow(writer, "risk", definition.Risk);
        WriteWindow(writer, "control", definition.Control);
        writer.WriteNumber("runIn", definition.RunIn);
        writer.WriteNumber("alpha", definition.Alpha);
        writer.WriteNumber("minEvents", definition.MinEvents);
        writer.WriteNumber("maxEvents", definition.MaxEvents);
        writer.WriteNumber("n", view.N);
        writer.WriteNumber("c", view.C);
        writer.WriteNumber("llr", Math.Round(view.Llr, 4, MidpointRounding.AwayFromZero));
        writer.WriteNumber("cv", Math.Round(view.Cv, 6, MidpointRounding.AwayFromZero));
        writer.WriteNumber("alphaSpent", Math.Round(view.AlphaSpent, 6, MidpointRounding.AwayFromZero));
        writer.WriteNumber("p0", Math.Round(definition.P0, 6, MidpointRounding.AwayFromZero));
        writer.WriteString("state", view.State.ToString().ToLowerInvariant());
        writer.WriteStartArray("signals");
        foreach (var signal in view.Signals)
        {
            writer.WriteStartObject();
            writer.WriteString("at", CohortAnswerJson.Instant(signal.At));
            writer.WriteNumber("n", signal.N);
            writer.WriteNumber("c", signal.C);
            writer.WriteNumber("llr", Math.Round(signal.Llr, 4, MidpointRounding.AwayFromZero));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (view.EvaluatedAt is { } at) writer.WriteString("evaluatedAt", CohortAnswerJson.Instant(at));
        writer.WriteEndObject();
    }

    private static void WriteWindow(Utf8JsonWriter writer, string name, DayWindow window)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("from", window.From);
        writer.WriteNumber("to", window.To);
        writer.WriteEndObject();
    }
}
