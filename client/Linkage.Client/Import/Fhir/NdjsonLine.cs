namespace Linkage.Client.Import.Fhir;

/// <summary>One line of an NDJSON file, or the reason the file could not be read past it.</summary>
internal sealed record NdjsonLine(string File, int Line, string? Text, string? Problem);
