namespace Linkage.Disclosure;

/// <summary>A count of people a reader can work out exactly from an answer: which atoms it adds up, and its value.</summary>
/// <param name="People">The atoms' names, joined with <c> + </c>.</param>
public sealed record DerivedCount(string People, long Count);
