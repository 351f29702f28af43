using System.Text;
using System.Text.Json;

namespace Linkage.Json;

/// <summary>Writes one JSON value as a single line of text, the way the API and the feeds spell it.</summary>
internal static class JsonLine
{
    /// <summary>Kana and kanji stay readable; the API is UTF-8 throughout.</summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Of<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
