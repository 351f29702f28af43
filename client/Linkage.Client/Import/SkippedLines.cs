namespace Linkage.Client.Import;

/// <summary>Lines of <paramref name="File"/> an importer read past without an event or a rejection, and why.</summary>
/// <param name="File">The file as the caller named it.</param>
/// <param name="Reason">Why they give nothing, e.g. <c>blank line</c>, <c>GO (診療報酬請求書) trailer</c>.</param>
/// <param name="Count">How many lines.</param>
public sealed record SkippedLines(string File, string Reason, int Count);
