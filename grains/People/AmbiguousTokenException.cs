using System.Collections.Immutable;

namespace Linkage.People;

/// <summary>An id2 token that the linkage rules found held by several people: it names no one person.</summary>
public sealed class AmbiguousTokenException(string token, ImmutableArray<string> people)
    : Exception($"the id2 token is shared by {people.Length} people who cannot be the same person: {string.Join(", ", people)}")
{
    public string Token { get; } = token;

    public ImmutableArray<string> People { get; } = people;
}
