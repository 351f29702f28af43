namespace Linkage.Client.Import;

/// <summary>Reads one operator format and maps it onto events-v1, tokenizing identity at the operator's site.</summary>
public interface IFeedImporter
{
    /// <summary>Reads <paramref name="input"/> and yields, in file order, an event or a rejection for each place in it.</summary>
    /// <remarks>Never throws for bad input: every problem is a yielded <see cref="ImportedLine"/> with a reason.</remarks>
    IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, CancellationToken ct);

    /// <summary>Notes that concern the whole input rather than one line (e.g. disease codes kept unmapped); each said once.</summary>
    IReadOnlyList<string> Warnings { get; }
}
