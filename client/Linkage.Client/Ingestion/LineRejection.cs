namespace Linkage.Client.Ingestion;

/// <summary>An input line that did not go in: rejected by the importer or by the API, with the reason naming the field.</summary>
/// <param name="File">The input file, as the run named it.</param>
/// <param name="Line">1-based line number in that file.</param>
/// <param name="Reason">Why, e.g. <c>date: "2023-02-29" is not a real date (YYYY-MM-DD)</c>.</param>
public sealed record LineRejection(string File, int Line, string Reason);
