using Linkage.Feeds;
using Linkage.Population;

namespace Linkage.Tests.Population;

/// <summary>One population of 5,000 people, generated once for all the tests that only read it.</summary>
public sealed class GeneratedPopulationFixture
{
    public GeneratedPopulationFixture()
    {
        Population = PopulationGenerator.Generate(new PopulationOptions { People = 5_000, Seed = 42 });
        Valid = [.. Population.Events.OfType<FeedEvent>()];
    }

    public GeneratedPopulation Population { get; }

    /// <summary>The events of every valid line (versions, retractions and duplicates included).</summary>
    public IReadOnlyList<FeedEvent> Valid { get; }

    public int PersonOf(FeedEvent feedEvent) => Population.Truth[feedEvent.Key];
}
