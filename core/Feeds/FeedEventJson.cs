using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Linkage.Json;

namespace Linkage.Feeds;

/// <summary>Writes feed events as events-v1 JSON, the form the API answers with and feeds are made of.</summary>
public static class FeedEventJson
{
    /// <summary>One event as a single NDJSON line (without the line end).</summary>
    public static string ToJson(FeedEvent feedEvent) => JsonLine.Of(feedEvent, Write);

    /// <summary>One event as a single NDJSON line in UTF-8 (without the line end), written into <paramref name="output"/>.</summary>
    public static void WriteLine(IBufferWriter<byte> output, FeedEvent feedEvent)
    {
        using var writer = new Utf8JsonWriter(output, JsonLine.Options);
        Write(writer, feedEvent);
    }

    /// <summary>Events as NDJSON lines, each ended by <c>\n</c>, written into <paramref name="output"/> with one writer.</summary>
    public static void WriteLines(IBufferWriter<byte> output, IEnumerable<FeedEvent> events)
    {
        using var writer = new Utf8JsonWriter(output, JsonLine.Options);
        foreach (var e in events)
        {
            Write(writer, e);
            writer.Flush();
            output.Write("\n"u8);
            writer.Reset(output);
        }
    }

    public static void Write(Utf8JsonWriter writer, FeedEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("source", e.Source);
        writer.WriteString("recordId", e.RecordId);
        writer.WriteNumber("version", e.Version);
        writer.WriteString("kind", EventKinds.Name(e.Kind));
        Span<byte> date = stackalloc byte[10];
        e.Date.TryFormat(date, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString("date", date[..written]);
        if (e.Retracted) writer.WriteBoolean("retracted", true);
        writer.WritePropertyName("subject");
        WriteSubject(writer, e.Subject);
        if (e.Data is not null)
        {
            writer.WritePropertyName("data");
            WriteData(writer, e.Data);
        }

        writer.WriteEndObject();
    }

    public static void WriteSubject(Utf8JsonWriter writer, Subject s)
    {
        writer.WriteStartObject();
        if (s.Mid is not null) writer.WriteString("mid", s.Mid);
        if (s.Id1 is not null) writer.WriteString("id1", s.Id1);
        if (s.Id2 is not null) writer.WriteString("id2", s.Id2);
        writer.WriteString("birth", s.Birth);
        writer.WriteString("sex", s.Sex.ToString());
        if (s.Pref is not null) writer.WriteString("pref", s.Pref);
        writer.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter writer, EventData data)
    {
        writer.WriteStartObject();
        switch (data)
        {
            case ReceiptData r:
                writer.WriteString("setting", r.Setting);
                if (r.Facility is not null) writer.WriteString("facility", r.Facility);
                writer.WriteStartArray("diagnoses");
                foreach (var d in r.Diagnoses)
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", d.Code);
                    writer.WriteBoolean("suspected", d.Suspected);
                    writer.WriteBoolean("main", d.Main);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("procedures");
                foreach (var p in r.Procedures) writer.WriteStringValue(p);
                writer.WriteEndArray();
                writer.WriteStartArray("drugs");
                foreach (var d in r.Drugs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", d.Code);
                    if (d.Days is { } days) writer.WriteNumber("days", days);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (r.Points is { } points) writer.WriteNumber("points", points);
                break;
            case LabData l:
                writer.WriteString("code", l.Code);
                writer.WriteNumber("value", l.Value);
                if (l.Unit is not null) writer.WriteString("unit", l.Unit);
                break;
            case MedicationData m:
                writer.WriteString("code", m.Code);
                if (m.Days is { } medDays) writer.WriteNumber("days", medDays);
                break;
            case SurgeryData s:
                writer.WriteString("code", s.Code);
                if (s.Complication is { } complication) writer.WriteBoolean("complication", complication);
                if (s.Los is { } los) writer.WriteNumber("los", los);
                break;
            case VitalData v:
                writer.WriteString("type", v.Type);
                writer.WriteNumber("value", v.Value);
                writer.WriteString("at", v.At);
                break;
            case MaternalData m:
                writer.WriteString("entry", m.Entry);
                if (m.GestWeeks is { } weeks) writer.WriteNumber("gestWeeks", weeks);
                if (m.BirthWeight is { } weight) writer.WriteNumber("birthWeight", weight);
                if (m.Vaccine is not null) writer.WriteString("vaccine", m.Vaccine);
                if (m.Child is not null)
                {
                    writer.WritePropertyName("child");
                    WriteSubject(writer, m.Child);
                }

                break;
            case DeathData d:
                writer.WriteString("underlying", d.Underlying);
                writer.WriteStartArray("causes");
                foreach (var c in d.Causes) writer.WriteStringValue(c);
                writer.WriteEndArray();
                if (d.Place is not null) writer.WriteString("place", d.Place);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(data), data.GetType().Name, "unknown event data");
        }

        writer.WriteEndObject();
    }
}
