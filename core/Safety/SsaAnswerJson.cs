using System.Text.Json;
using Linkage.Json;

namespace Linkage.Safety;

/// <summary>Writes an <see cref="SsaAnswer"/> in exactly safety-v1's answer shape (a screening adds <c>rows</c>).</summary>
public static class SsaAnswerJson
{
    public static string ToJson(SsaAnswer answer) => JsonLine.Of(answer, Write);

    public static void Write(Utf8JsonWriter writer, SsaAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answer);
        writer.WriteStartObject();
        writer.WriteString("asOf", Cohorts.CohortAnswerJson.Instant(answer.AsOf));
        writer.WriteNumber("minCell", answer.MinCell);
        if (answer.Exact) writer.WriteBoolean("exact", true);
        // Optional, as on cohort-v1's answers: the counts are the cell-key method's perturbed counts.
        if (answer.Perturbed) writer.WriteBoolean("perturbed", true);
        writer.WriteStartArray("attrition");
        foreach (var step in answer.Attrition)
        {
            writer.WriteStartObject();
            writer.WriteString("step", step.Step);
            Number(writer, "count", step.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (answer.Pair is { } pair) WriteRatios(writer, pair);
        if (answer.SequenceDays is { } days)
        {
            // An optional field of safety-v1's answer: the pair's sequences by days from index to marker.
            writer.WriteStartArray("sequenceDays");
            foreach (var bin in days)
            {
                writer.WriteStartObject();
                writer.WriteNumber("from", bin.From);
                writer.WriteNumber("to", bin.To);
                Number(writer, "count", bin.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (answer.Rows is { } rows)
        {
            writer.WriteNumber("screened", answer.Screened);
            writer.WriteNumber("suppressedRows", answer.SuppressedRows);
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("code", row.Code);
                WriteRatios(writer, row.Ratios);
                Number(writer, "q", row.Q);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteRatios(Utf8JsonWriter writer, SsaRatios ratios)
    {
        Number(writer, "nAB", ratios.IndexFirst);
        Number(writer, "nBA", ratios.MarkerFirst);
        Number(writer, "csr", ratios.Csr);
        Number(writer, "nsr", ratios.Nsr);
        Number(writer, "asr", ratios.Asr);
        Number(writer, "asrLow", ratios.AsrLow);
        Number(writer, "asrHigh", ratios.AsrHigh);
        Number(writer, "p", ratios.P);
        if (ratios.Signal is { } signal) writer.WriteBoolean("signal", signal);
        else writer.WriteNull("signal");
    }

    private static void Number(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
