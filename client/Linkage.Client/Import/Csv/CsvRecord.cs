namespace Linkage.Client.Import.Csv;

/// <summary>One CSV record: the line it starts on, its fields, and a syntax problem when it has one.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Problem);
