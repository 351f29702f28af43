namespace Linkage.Client.Import.Csv;

/// <summary>One CSV record: the line it starts on, its fields, a syntax problem when it has one, and the line it ends on.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Problem, int LastLine);
