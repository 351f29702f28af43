using System.Text;
using System.Text.Json;

namespace Linkage.Client.Import.Fhir;

/// <summary>Finds a resource's <c>resourceType</c> without parsing the whole resource, to route a line before reading it.</summary>
internal static class FhirResourceType
{
    /// <summary>The <c>resourceType</c> of the JSON object on <paramref name="line"/>, or null with the reason it has none.</summary>
    public static string? Peek(string line, out string? problem)
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
                if (name == "resourceType")
                {
                    if (reader.TokenType == JsonTokenType.String) return reader.GetString();
                    problem = "resourceType is not a string";
                    return null;
                }

                reader.Skip();
            }

            problem = "the JSON object has no resourceType";
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
            problem = "the line holds a name or resourceType that is not valid text (an unpaired \\u surrogate escape)";
            return null;
        }
    }
}
