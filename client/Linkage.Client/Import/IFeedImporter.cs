namespace Linkage.Client.Import;

/// <summary>Reads one operator format and maps it onto events-v1, tokenizing identity at the operator's site.</summary>
public interface IFeedImporter
{
    /// <summary>Reads <paramref name="input"/> and yields, in file order, an event or a rejection for each place in it.</summary>
    /// <remarks>
    /// Never throws for bad input: every problem is a yielded <see cref="ImportedLine"/> with a rejection. Streams: holds
    /// at most one line or record of the format's bound, however large the input.
    /// </remarks>
    IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, CancellationToken ct);

    /// <summary>
    /// Notes that concern the whole input rather than one line, each said once: disease codes kept unmapped, a UKE GO
    /// whose counts disagree, a file without GO or empty. They are not rejected lines: every line they concern was
    /// answered for on its own.
    /// </summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The lines read past without an event or a rejection (blank lines, a CSV header, UKE IR and GO records, FHIR
    /// resources of a type events-v1 has no kind for, a claim with nothing to say), by file and reason. With the
    /// <see cref="ImportedLine.Lines"/> of what was yielded they add up to every line of every file read.
    /// </summary>
    IReadOnlyList<SkippedLines> Skipped => [];
}
