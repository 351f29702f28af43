using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Linking;
using Linkage.Partitions;
using Microsoft.Extensions.Options;

namespace Linkage.People;

/// <summary>
/// Reads people as the API shows them: a token or person id through the key directory to its component (following
/// merges), and the links of every current record through the components the index knows.
/// </summary>
public sealed class PeopleDirectory(
    IntegerKeyGrainFactory<IComponentGrain> components, PartitionGrains<IKeyDirectoryGrain> keyPartitions, PartitionGrains<IPeopleIndexGrain> indexPartitions)
{
    /// <summary>The people holding <paramref name="token"/>: none, one, or several for an ambiguous id2.</summary>
    public async Task<ImmutableArray<PersonView>> ByTokenAsync(string token)
    {
        var component = await ComponentOfAsync(RoutingKey.ForToken(token));
        return component is { } c ? await Component(c).GetPeopleByToken(token) : [];
    }

    /// <summary>The person the anchor of <paramref name="id"/> belongs to now (its id differs when a merge or split retired this one).</summary>
    public async Task<PersonView?> ByIdAsync(PersonId id)
    {
        var component = await ComponentOfAsync(id.Anchor);
        return component is { } c ? await Component(c).GetPerson(id) : null;
    }

    /// <summary>One link per current record, component by component.</summary>
    public async IAsyncEnumerable<ImmutableArray<RecordLink>> LinksAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var partition = 0; partition < indexPartitions.Count; partition++)
        {
            var components = await indexPartitions.Get(partition).GetComponents();
            foreach (var chunk in components.Chunk(64))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var links in await Task.WhenAll(chunk.Select(c => Component(c).GetLinks()))) yield return links;
            }
        }
    }

    /// <summary>The surviving component of the records carrying <paramref name="token"/>, or null.</summary>
    public Task<ComponentId?> ComponentOfTokenAsync(string token) => ComponentOfAsync(RoutingKey.ForToken(token));

    private async Task<ComponentId?> ComponentOfAsync(RoutingKey key)
    {
        var hash = key.Hash;
        var found = (await keyPartitions.ForKey(hash).Find([hash]))[0];
        if (found is not { } current || current == ComponentId.OptedOut) return null;
        while (await Component(current).GetForward() is { } next) current = next;
        return current;
    }

    private IComponentGrain Component(ComponentId id) => components.Get(id.Value);
}
