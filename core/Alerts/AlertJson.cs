using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Linkage.Alerts;

/// <summary>An alert as api-v1's alert stream writes it: one JSON object, the fields of its source only.</summary>
public static class AlertJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>api-v1's spelling of a source.</summary>
    public static string Name(AlertSource source) => source switch
    {
        AlertSource.Surveillance => "surveillance",
        AlertSource.Safety => "safety",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static string ToJson(Alert alert)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, alert);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, Alert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("id", alert.Id);
        writer.WriteNumber("version", alert.Version);
        writer.WriteString("at", alert.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        writer.WriteString("source", Name(alert.Source));
        if (alert.Indicator is { } indicator) writer.WriteString("indicator", indicator);
        if (alert.Monitor is { } monitor) writer.WriteString("monitor", monitor);
        if (alert.Pref is { } pref) writer.WriteString("pref", pref);
        if (alert.Day is { } day) writer.WriteString("day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (alert.Detector is { } detector) writer.WriteString("detector", detector);
        if (alert.Count is { } count) writer.WriteNumber("count", count);
        if (alert.Statistic is { } statistic) writer.WriteNumber("statistic", statistic);
        if (alert.N is { } n) writer.WriteNumber("n", n);
        if (alert.C is { } c) writer.WriteNumber("c", c);
        if (alert.Llr is { } llr) writer.WriteNumber("llr", llr);
        writer.WriteBoolean("withdrawn", alert.Withdrawn);
        writer.WriteEndObject();
    }
}
