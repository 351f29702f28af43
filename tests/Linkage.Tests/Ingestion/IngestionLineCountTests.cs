using Linkage.Client.Import;
using Linkage.Client.Ingestion;
using Linkage.Tokens;
using static Linkage.Tests.Ingestion.IngestionFixture;

namespace Linkage.Tests.Ingestion;

/// <summary>A run's report counts every line of every file once (sent, rejected or skipped), and a file given twice is read once.</summary>
public sealed class IngestionLineCountTests : IDisposable
{
    private readonly IngestionFixture _fixture = new();
    private readonly FakeIngestApi _api = new();

    public void Dispose() => _fixture.Dispose();

    private static IFeedImporter Importer(FeedFormat format) => FeedImporters.Create(format, new ImportOptions
    {
        Source = "ops",
        Tokenizer = new LinkageTokenizer(LinkageTokenizer.DevelopmentSecret),
        DiseaseMasterPath = Fixture("disease-master.csv"),
    });

    private static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "import", .. parts]);

    private string Copy(string fixture, string? name = null)
    {
        var path = Path.Combine(_fixture.Directory, name ?? Path.GetFileName(fixture));
        File.Copy(Fixture(fixture), path);
        return path;
    }

    [Fact]
    public async Task A_UKE_file_counts_every_line_and_lines_the_API_rejects_move_from_events_to_rejected()
    {
        var path = Copy("RECEIPTC.UKE");
        var lines = File.ReadAllBytes(path).Count(b => b == (byte)'\n');
        var importer = Importer(FeedFormat.Uke);
        var input = Assert.Single(IngestionInput.Of(importer, [path]));
        var firstReceipt = (await ReadEventsAsync(input)).First();
        _api.RejectedRecordIds[firstReceipt.Event!.RecordId] = "rejected by the test";

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(Assert.Single(IngestionInput.Of(Importer(FeedFormat.Uke), [path])));

        var file = Assert.Single(report.Files);
        Assert.Equal(path, file.File);
        Assert.Equal(lines, file.Lines);
        Assert.Equal(firstReceipt.Lines, file.Rejected);
        Assert.Equal(lines - firstReceipt.Lines - file.Skipped, file.IntoEvents);
        Assert.Contains(file.SkippedLines, s => s.Reason.StartsWith("GO", StringComparison.Ordinal) && s.Count == 1);
        Assert.Contains(file.SkippedLines, s => s.Reason.StartsWith("IR", StringComparison.Ordinal) && s.Count == 1);
    }

    [Fact]
    public async Task A_FHIR_export_counts_every_line_of_each_of_its_files()
    {
        var export = Path.Combine(_fixture.Directory, "export");
        Directory.CreateDirectory(export);
        foreach (var file in Directory.GetFiles(Fixture("fhir"), "*.ndjson")) File.Copy(file, Path.Combine(export, Path.GetFileName(file)));

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(Assert.Single(IngestionInput.Of(Importer(FeedFormat.Fhir), [export])));

        // Line counts of the fixture files (grep -c ''), written down by hand.
        var expected = new Dictionary<string, long>
        {
            ["Claim.ndjson"] = 1, ["Condition.ndjson"] = 5, ["Encounter.ndjson"] = 2, ["ExplanationOfBenefit.ndjson"] = 1, ["Foo.ndjson"] = 1,
            ["MedicationDispense.ndjson"] = 1, ["MedicationRequest.ndjson"] = 1, ["Observation.ndjson"] = 4, ["Patient.ndjson"] = 3, ["Procedure.ndjson"] = 1,
        };
        Assert.Equal(expected, report.Files.ToDictionary(f => Path.GetFileName(f.File), f => f.Lines));
        var encounters = Assert.Single(report.Files, f => f.File.EndsWith("Encounter.ndjson", StringComparison.Ordinal));
        Assert.Equal(2, encounters.Skipped);
        Assert.Equal(1, Assert.Single(report.Files, f => f.File.EndsWith("Foo.ndjson", StringComparison.Ordinal)).Rejected);
    }

    [Fact]
    public void A_file_given_twice_is_read_once_with_a_warning()
    {
        var path = Copy("death.csv");
        var warnings = new List<string>();

        var inputs = IngestionInput.Of(Importer(FeedFormat.DeathCsv), [path, Path.Combine(_fixture.Directory, ".", "death.csv")], warnings.Add);

        Assert.Equal([path], inputs.Select(i => i.Name));
        Assert.Equal($"{Path.Combine(_fixture.Directory, ".", "death.csv")}: given more than once: read once", Assert.Single(warnings));
    }

    [Fact]
    public void A_FHIR_file_given_both_alone_and_in_its_directory_is_read_once()
    {
        var export = Path.Combine(_fixture.Directory, "export");
        Directory.CreateDirectory(export);
        File.Copy(Fixture("fhir", "Patient.ndjson"), Path.Combine(export, "Patient.ndjson"));
        var warnings = new List<string>();

        var input = Assert.Single(IngestionInput.Of(Importer(FeedFormat.Fhir), [Path.Combine(export, "Patient.ndjson"), export], warnings.Add));

        Assert.Equal([Path.Combine(export, "Patient.ndjson")], input.Files);
        Assert.Single(warnings, w => w.EndsWith("given more than once: read once", StringComparison.Ordinal));
    }

    private static async Task<List<ImportedLine>> ReadEventsAsync(IngestionInput input)
    {
        var lines = new List<ImportedLine>();
        await foreach (var line in input.ReadAsync()) if (line.Event is not null) lines.Add(line);
        return lines;
    }
}
