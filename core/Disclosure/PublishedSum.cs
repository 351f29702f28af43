using System.Collections.Immutable;

namespace Linkage.Disclosure;

/// <summary>
/// One number an answer publishes, as a reader sees it: the people of some atoms added up.
/// </summary>
/// <param name="Name">Where the answer shows it (<c>total</c>, <c>group F,yes</c>, <c>table F interval 0-29 events</c>).</param>
/// <param name="Atoms">The atoms (finest sets of people the answer distinguishes) it adds up, by index.</param>
public sealed record PublishedSum(string Name, ImmutableArray<int> Atoms);
