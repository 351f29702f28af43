using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Json;

namespace Linkage.Safety;

/// <summary>Writes a request back as safety-v1 JSON (the audit log); the parser reads it back equal.</summary>
public static class SsaRequestJson
{
    public static string ToJson(SsaRequest request) => JsonLine.Of(request, Write);

    public static void Write(Utf8JsonWriter writer, SsaRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WritePropertyName("index");
        CohortDefinitionJson.WriteCriterion(writer, request.Index);
        if (request.Marker is { } marker)
        {
            writer.WritePropertyName("marker");
            CohortDefinitionJson.WriteCriterion(writer, marker);
        }
        else if (request.Screen is { } screen)
        {
            writer.WriteStartObject("marker");
            writer.WriteString("kind", EventKinds.Name(screen.Kind));
            writer.WriteNumber(screen.Field == "drug" ? "drugLength" : "codeLength", screen.Length);
            writer.WriteEndObject();
        }

        writer.WriteNumber("window", request.Window);
        writer.WriteNumber("runIn", request.RunIn);
        if (request.Period is { } period) CohortDefinitionJson.WritePeriod(writer, "period", period);
        writer.WriteNumber("minCell", request.MinCell);
        writer.WriteEndObject();
    }
}
