using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Feeds;

namespace Linkage.Silo.Api;

/// <summary>Writes feed events in the events-v1 form in API answers.</summary>
public sealed class FeedEventJsonConverter : JsonConverter<FeedEvent>
{
    public override FeedEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("feed events are read with FeedLineParser, which names the field of every error");

    public override void Write(Utf8JsonWriter writer, FeedEvent value, JsonSerializerOptions options) =>
        FeedEventJson.Write(writer, value);
}
