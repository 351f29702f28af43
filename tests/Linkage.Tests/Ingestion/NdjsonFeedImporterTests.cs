using Linkage.Client.Ingestion;
using Linkage.Feeds;
using static Linkage.Tests.Ingestion.IngestionFixture;

namespace Linkage.Tests.Ingestion;

/// <summary>events-v1 NDJSON read for sending: bad lines named by their line in the file, other sources refused when one is named.</summary>
public sealed class NdjsonFeedImporterTests : IDisposable
{
    private readonly IngestionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Lines_of_another_source_are_rejected_when_a_source_is_given()
    {
        var path = _fixture.NdjsonFile("mixed.ndjson", FeedEventJson.ToJson(Lab("a")), FeedEventJson.ToJson(Lab("b", source: "other-feed")));

        var lines = await ReadAsync(new NdjsonFeedImporter(Source), path);

        Assert.NotNull(lines[0].Event);
        Assert.Equal((2, "source: 'other-feed' is not the source being sent ('test-feed')"), (lines[1].Line, lines[1].Reason));
    }

    [Fact]
    public async Task Without_a_source_lines_of_any_source_are_taken_and_bad_lines_are_named_with_their_line()
    {
        var path = _fixture.NdjsonFile("mixed.ndjson", FeedEventJson.ToJson(Lab("a")), string.Empty, "{x", FeedEventJson.ToJson(Lab("b", source: "other-feed")));

        var lines = await ReadAsync(new NdjsonFeedImporter(), path);

        Assert.Equal([1, 3, 4], lines.Select(l => l.Line));
        Assert.Equal(["test-feed", null, "other-feed"], lines.Select(l => l.Event?.Source));
        Assert.Contains("JSON", lines[1].Reason);
        Assert.All(lines, l => Assert.Equal(path, l.File));
    }

    [Fact]
    public void A_source_that_is_not_a_feed_id_is_refused()
    {
        Assert.Contains("Not A Feed", Assert.Throws<ArgumentException>(() => new NdjsonFeedImporter("Not A Feed")).Message);
    }

    private static async Task<List<Client.Import.ImportedLine>> ReadAsync(NdjsonFeedImporter importer, string path)
    {
        await using var stream = File.OpenRead(path);
        var lines = new List<Client.Import.ImportedLine>();
        await foreach (var line in importer.ReadAsync(stream, path, CancellationToken.None)) lines.Add(line);
        return lines;
    }
}
