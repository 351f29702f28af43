namespace Linkage.Disclosure;

/// <summary>A count of people as counted (<see cref="Exact"/>) and as it would be published (perturbed or not).</summary>
public readonly record struct PublishedCell(long Exact, long Published);
