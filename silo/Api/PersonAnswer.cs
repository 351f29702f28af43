using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Silo.Api;

/// <summary>The answer to <c>GET /api/v1/people/...</c>: a person's linked record.</summary>
public sealed record PersonAnswer(string Person, IReadOnlyList<string> Tokens, IReadOnlyList<FeedEvent> Records, IReadOnlyList<LinkageChange> History)
{
    public static PersonAnswer From(PersonView view) => new(view.Id, view.Tokens, view.Records, view.History);
}
