using System.Runtime.CompilerServices;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;

namespace Linkage.Client.Ingestion;

/// <summary>
/// One thing a run ingests and reports on: a file, or a whole FHIR export (whose files are read together, Patients
/// first). Knows the files its rejects go beside and how far it has been read.
/// </summary>
public sealed class IngestionInput
{
    private const string InputSeparator = ", ";

    private readonly Func<IngestionInput, CancellationToken, IAsyncEnumerable<ImportedLine>> _read;
    private Stream? _open;
    private bool _finished;

    private IngestionInput(
        string name, IReadOnlyList<string> files, long? totalBytes, IFeedImporter? importer,
        Func<IngestionInput, CancellationToken, IAsyncEnumerable<ImportedLine>> read)
    {
        Name = name;
        ShortName = string.Join('+', name.Split(InputSeparator).Select(p => Path.GetFileName(Path.TrimEndingDirectorySeparator(p))));
        Files = files;
        TotalBytes = totalBytes;
        Importer = importer;
        _read = read;
    }

    /// <summary>The input as the caller named it.</summary>
    public string Name { get; }

    /// <summary>The input's file or directory name without its folder (names joined by <c>+</c> for several): what the feed ledger names it by.</summary>
    public string ShortName { get; }

    /// <summary>The files read, each of which gets its own rejects file.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The size of the input, when it is one file.</summary>
    public long? TotalBytes { get; }

    /// <summary>Bytes of the input read so far (0 when the size is unknown).</summary>
    public long BytesRead => _finished ? TotalBytes ?? 0 : _open is { CanSeek: true } open ? open.Position : 0;

    /// <summary>The importer that reads it, when there is one.</summary>
    public IFeedImporter? Importer { get; }

    /// <summary>True for events-v1 NDJSON, which the feed stream takes as it is.</summary>
    public bool IsEventsV1 => Importer is NdjsonFeedImporter;

    /// <summary>
    /// The inputs <paramref name="paths"/> stand for: one per file, or, for <see cref="FhirBulkImporter"/>, one for all
    /// of them (directories standing for their <c>*.ndjson</c> files).
    /// </summary>
    /// <exception cref="FileNotFoundException">A path names nothing.</exception>
    /// <exception cref="ArgumentException">A directory was given for a format that reads files only.</exception>
    /// <param name="warn">Told of a file given more than once (it is read once) and of export files that are not resources.</param>
    public static IReadOnlyList<IngestionInput> Of(IFeedImporter importer, IReadOnlyList<string> paths, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(importer);
        if (importer is FhirBulkImporter fhir)
        {
            var files = FhirBulkImporter.ExpandPaths(paths, warn);
            return [new IngestionInput(string.Join(InputSeparator, paths), files, null, importer, (_, ct) => fhir.ReadAsync(files, ct))];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. paths.Where(path =>
        {
            if (!File.Exists(path) || seen.Add(Path.GetFullPath(path))) return true;
            warn?.Invoke($"{path}: given more than once: read once");
            return false;
        }).Select(path =>
        {
            if (Directory.Exists(path)) throw new ArgumentException($"{path} is a directory; only FHIR exports are read by directory", nameof(paths));
            if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}", path);
            return new IngestionInput(path, [path], new FileInfo(path).Length, importer, (input, ct) => input.ReadFileAsync(path, ct));
        })];
    }

    /// <summary>An input whose lines come from elsewhere (a test, another reader); its rejects go beside <paramref name="files"/>.</summary>
    public static IngestionInput FromLines(string name, IReadOnlyList<string> files, Func<CancellationToken, IAsyncEnumerable<ImportedLine>> lines) =>
        new(name, files, null, null, (_, ct) => lines(ct));

    /// <summary>Reads the input to the end, in order: an event or a rejection for each place in it.</summary>
    public IAsyncEnumerable<ImportedLine> ReadAsync(CancellationToken cancellationToken = default) => _read(this, cancellationToken);

    /// <summary>Opens the file for reading as it is: what the feed stream takes of events-v1 NDJSON.</summary>
    public Stream OpenRaw() => Files.Count == 1 ? File.OpenRead(Files[0]) : throw new InvalidOperationException($"{Name} is not one file");

    private async IAsyncEnumerable<ImportedLine> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        (_open, _finished) = (stream, false);
        await foreach (var line in Importer!.ReadAsync(stream, path, ct)) yield return line;
        _finished = true;
    }
}
