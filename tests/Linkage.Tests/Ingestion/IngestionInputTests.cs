using Linkage.Client.Import;
using Linkage.Client.Ingestion;
using Linkage.Tokens;

namespace Linkage.Tests.Ingestion;

/// <summary>What a run reads: a file each, or a FHIR export at once, whose rejects go beside the file they are in.</summary>
public sealed class IngestionInputTests : IDisposable
{
    private readonly IngestionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Each_file_is_an_input_of_its_own_with_its_size()
    {
        var a = _fixture.NdjsonFile("a.ndjson", "{}");
        var b = _fixture.NdjsonFile("b.ndjson", "{}", "{}");

        var inputs = IngestionInput.Of(new NdjsonFeedImporter(), [a, b]);

        Assert.Equal([a, b], inputs.Select(i => i.Name));
        Assert.Equal([[a], [b]], inputs.Select(i => i.Files));
        Assert.Equal([3L, 6L], inputs.Select(i => i.TotalBytes!.Value));
        Assert.Equal("a.ndjson", inputs[0].ShortName);
    }

    [Fact]
    public void A_directory_is_refused_for_a_format_that_reads_files()
    {
        var error = Assert.Throws<ArgumentException>(() => IngestionInput.Of(new NdjsonFeedImporter(), [_fixture.Directory]));
        Assert.Contains("directory", error.Message);
    }

    [Fact]
    public async Task A_FHIR_export_is_one_input_whose_rejects_go_beside_the_file_they_are_in()
    {
        var export = Path.Combine(_fixture.Directory, "export");
        Directory.CreateDirectory(export);
        foreach (var (file, copy) in new[] { ("Patient.ndjson", "Patient.ndjson"), ("Observation.ndjson", "Observation.ndjson"), ("Foo.ndjson", "Procedure.1.ndjson") })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "import", "fhir", file), Path.Combine(export, copy));
        }

        // An export's log is not a resource file: it is not read, so it gets no rejects.
        File.WriteAllText(Path.Combine(export, "log.ndjson"), "{\"level\":\"info\",\"message\":\"export started\"}\n");

        var importer = FeedImporters.Create(FeedFormat.Fhir, new ImportOptions { Source = "fhir-feed", Tokenizer = new LinkageTokenizer(LinkageTokenizer.DevelopmentSecret) });
        var input = Assert.Single(IngestionInput.Of(importer, [export]));
        var report = await new FeedIngestion(new FakeIngestApi(), IngestionFixture.NoWait()).IngestAsync(input);

        Assert.Equal("export", input.ShortName);
        Assert.Equal(3, input.Files.Count);
        Assert.True(report.Accepted > 0);
        var byFile = report.Rejections.GroupBy(r => Path.GetFileName(r.File!)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byFile.ContainsKey("Procedure.1.ndjson"), "Foo is not a FHIR R4 resource type");
        Assert.DoesNotContain(input.Files, f => f.EndsWith("log.ndjson", StringComparison.Ordinal));
        Assert.True(byFile.ContainsKey("Patient.ndjson"), "a patient without identity is rejected");
        Assert.Equal(byFile.Keys.Select(f => Path.Combine(export, f) + ".rejects.csv").Order(), report.RejectsFiles.Order());
        Assert.All(report.RejectsFiles, f => Assert.Equal(byFile[Path.GetFileName(f)[..^".rejects.csv".Length]] + 1, File.ReadAllLines(f).Length));
    }
}
