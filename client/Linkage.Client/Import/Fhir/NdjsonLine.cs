namespace Linkage.Client.Import.Fhir;

/// <summary>One line of an NDJSON file: its text, or the reason it could not be read as text (not UTF-8, too long).</summary>
internal sealed record NdjsonLine(string File, int Line, string? Text, string? Problem)
{
    /// <summary>True for a line of nothing but white space.</summary>
    public bool IsBlank => Text is null && Problem is null;
}
