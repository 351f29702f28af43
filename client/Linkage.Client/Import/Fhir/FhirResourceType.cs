using System.Text;
using System.Text.Json;

namespace Linkage.Client.Import.Fhir;

/// <summary>Finds a resource's <c>resourceType</c> without parsing the whole resource, to route a line before reading it.</summary>
internal static class FhirResourceType
{
    /// <summary>The <c>resourceType</c> of the JSON object on <paramref name="line"/>, or null with the reason it has none.</summary>
    public static string? Peek(string line, out string? problem) => PeekString(line, "resourceType", out problem);

    /// <summary>The resource's <c>id</c>, or null when it has none (or the line is not a JSON object).</summary>
    public static string? PeekId(string line) => PeekString(line, "id", out _);

    private static string? PeekString(string line, string property, out string? problem)
    {
        problem = null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "the line is not a JSON object";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == property)
                {
                    if (reader.TokenType == JsonTokenType.String) return reader.GetString();
                    problem = $"{property} is not a string";
                    return null;
                }

                reader.Skip();
            }

            problem = $"the JSON object has no {property}";
            return null;
        }
        catch (JsonException ex)
        {
            problem = $"the line is not valid JSON ({ex.Message})";
            return null;
        }
        catch (InvalidOperationException)
        {
            // A name or resourceType escaped as text that is not UTF-16 (an unpaired surrogate).
            problem = $"the line holds a name or {property} that is not valid text (an unpaired \\u surrogate escape)";
            return null;
        }
    }
}
