using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Json;

namespace Linkage.Benchmarks;

/// <summary>Writes a request back as benchmark-v1 JSON (the audit log, the workbench); the parser reads it back equal.</summary>
public static class BenchmarkRequestJson
{
    public static string ToJson(BenchmarkRequest request) => JsonLine.Of(request, Write);

    public static void Write(Utf8JsonWriter writer, BenchmarkRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WritePropertyName("indicator");
        CohortDefinitionJson.Write(writer, request.Indicator);
        writer.WriteStartArray("adjust");
        foreach (var key in request.Adjust) writer.WriteStringValue(GroupValues.Name(key));
        writer.WriteEndArray();
        writer.WriteStartArray("limits");
        foreach (var coverage in request.Limits) writer.WriteNumberValue(coverage);
        writer.WriteEndArray();
        writer.WriteBoolean("overdispersion", request.Overdispersion);
        writer.WriteNumber("minCell", request.MinCell);
        writer.WriteEndObject();
    }
}
