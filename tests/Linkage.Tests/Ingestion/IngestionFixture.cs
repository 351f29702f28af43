using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Tests.Ingestion;

/// <summary>Events, inputs and a scratch folder for the ingestion tests.</summary>
internal sealed class IngestionFixture : IDisposable
{
    public const string Source = "test-feed";

    private static readonly LinkageTokenizer Tokenizer = new(LinkageTokenizer.DevelopmentSecret);

    public IngestionFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "linkage-ingestion-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>No waits between attempts, so that retries cost nothing in a test.</summary>
    public static FeedIngestionOptions NoWait(int batchLines = 1000, int batchBytes = 4 * 1024 * 1024, int retries = 3) => new()
    {
        BatchLines = batchLines,
        BatchBytes = batchBytes,
        RetryDelays = [.. Enumerable.Repeat(TimeSpan.Zero, retries)],
    };

    public static FeedEvent Lab(string recordId, string source = Source, int version = 1) => new()
    {
        Source = source,
        RecordId = recordId,
        Version = version,
        Kind = EventKind.Lab,
        Date = new DateOnly(2024, 4, 15),
        Subject = new Subject { Mid = Tokenizer.Mid("MID-" + recordId), Birth = "1950-03", Sex = Sex.F, Pref = "26" },
        Data = new LabData { Code = "3D046000001920402", Value = 8.1, Unit = "%" },
    };

    /// <summary>Writes an NDJSON file of these lines (LF ends) and returns its path.</summary>
    public string NdjsonFile(string name, params string[] lines)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    public static IngestionInput NdjsonInput(string path, string? source = null) => Assert.Single(IngestionInput.Of(new NdjsonFeedImporter(source), [path]));

    /// <summary>An input of ready-made importer results, as if read from <paramref name="file"/>.</summary>
    public static IngestionInput Lines(string file, params ImportedLine[] lines) =>
        IngestionInput.FromLines(file, [file], _ => lines.ToAsyncEnumerable());

    /// <summary>An importer's event at <paramref name="line"/>; its file is the input's.</summary>
    public static ImportedLine EventAt(int line, FeedEvent feedEvent) => ImportedLine.Mapped(null, line, feedEvent);

    public static ImportedLine RejectAt(int line, string reason) => ImportedLine.Rejected(null, line, reason);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
