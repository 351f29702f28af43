using System.Text.Json;
using Linkage.Client.Http;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Ingestion;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Tokens;

namespace Linkage.ClusterTests.Import;

/// <summary>
/// What the import round trips share: copies of the fixtures in a scratch folder (rejects files are written beside
/// them), importers with a secret of their own (so the tokens meet no other test's), and reading a person back.
/// </summary>
internal sealed class ImportScratch : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "TestData", "import");

    public ImportScratch()
    {
        Folder = Path.Combine(Path.GetTempPath(), "linkage-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>A source no other test uses.</summary>
    public string Source { get; } = SampleEvents.NewSource();

    /// <summary>Tokens made with a secret no other test uses.</summary>
    public LinkageTokenizer Tokenizer { get; } = new("round-trip-" + Guid.NewGuid().ToString("N"));

    public static string FixturePath(string name) => Path.Combine(Fixtures, name);

    /// <summary>Copies a fixture file, or a folder's files, into the scratch folder and returns the copy's path.</summary>
    public string Copy(string name)
    {
        var from = FixturePath(name);
        var to = Path.Combine(Folder, name);
        if (Directory.Exists(from))
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        else
        {
            File.Copy(from, to);
        }

        return to;
    }

    /// <summary>Copies the events-v1 fixture with its source rewritten to this test's <see cref="Source"/>.</summary>
    public string CopyNdjson(string name)
    {
        var to = Path.Combine(Folder, name);
        File.WriteAllText(to, File.ReadAllText(FixturePath(name)).Replace("\"source\":\"kyoto-univ-lab\"", $"\"source\":\"{Source}\"", StringComparison.Ordinal));
        return to;
    }

    /// <summary>The importer of <paramref name="format"/> for this test's source and secret (a fresh one per run, as the CLI makes).</summary>
    public IFeedImporter Importer(FeedFormat format, FhirMappingOptions? fhir = null) => format == FeedFormat.Ndjson
        ? new NdjsonFeedImporter(Source)
        : FeedImporters.Create(format, new ImportOptions
        {
            Source = Source,
            Tokenizer = Tokenizer,
            DiseaseMasterPath = FixturePath("disease-master.csv"),
            Fhir = fhir ?? FhirMappingOptions.JpCore,
        });

    /// <summary>Runs <c>linkage ingest</c>'s HTTP path on <paramref name="path"/> against the front.</summary>
    public async Task<IngestionReport> IngestAsync(LinkageHttpFront front, FeedFormat format, string path)
    {
        var input = Assert.Single(IngestionInput.Of(Importer(format), [path]));
        var api = new LinkageApiClient(front.Client(LinkageHttpFront.OperatorKey));
        return await new FeedIngestion(new ApiIngestSender(api)).IngestAsync(input);
    }

    /// <summary>The records of this test's source held by the person of <paramref name="token"/>, by record id.</summary>
    public async Task<Dictionary<string, JsonElement>> RecordsAsync(LinkageHttpFront front, string token)
    {
        using var person = await new LinkageApiClient(front.Client(LinkageHttpFront.AdminKey)).GetPersonByTokenAsync(token);
        Assert.True(person is not null, $"no person holds {token}");
        return person.RootElement.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("source").GetString() == Source)
            .ToDictionary(r => r.GetProperty("recordId").GetString()!, r => r.Clone());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
