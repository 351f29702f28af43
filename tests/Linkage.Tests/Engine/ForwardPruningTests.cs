using Linkage.Linking;
using Linkage.People;

namespace Linkage.Tests.Engine;

/// <summary>
/// Forwards are bounded: the key directory gives a merged component's keys its survivor, in its journal, and then the
/// silo forgets the forward.
/// </summary>
public sealed class ForwardPruningTests
{
    private static readonly ComponentId A = new(10), B = new(20), C = new(30), D = new(40);

    [Fact]
    public void Repointing_gives_the_keys_of_merged_components_their_survivor_and_leaves_the_others()
    {
        var map = new KeyMap();
        map.Resolve(1, C);
        map.Resolve(2, C);
        map.Resolve(3, B);
        map.Resolve(4, D);
        map.OptOut(5);
        map.TakeChanges();

        var changed = map.Repoint(new Dictionary<long, long> { [C.Value] = A.Value, [D.Value] = A.Value });

        Assert.Equal(3, changed);
        Assert.Equal([A, A, B, A, ComponentId.OptedOut], new ulong[] { 1, 2, 3, 4, 5 }.Select(k => map.Find(k)!.Value));
        Assert.True(map.HasChanges);
    }

    [Fact]
    public void A_repoint_is_journaled_as_a_change_so_the_partition_reads_the_survivor_back()
    {
        var map = new KeyMap();
        map.Resolve(1, C);
        map.Resolve(2, B);
        var (first, _) = map.TakeChanges();
        map.Repoint(new Dictionary<long, long> { [C.Value] = A.Value });
        var (second, _) = map.TakeChanges();

        var read = new KeyMap();
        read.Load([first, second]);

        Assert.Equal([A, B], new ulong[] { 1, 2 }.Select(k => read.Find(k)!.Value));
    }

    [Fact]
    public void Forwards_to_repoint_end_at_the_furthest_survivor_and_are_forgotten_once_pruned()
    {
        var forwards = new ComponentForwards();
        forwards.Record(D, C);
        forwards.Record(C, A);

        var repoint = forwards.ToRepoint();
        Assert.Equal(new Dictionary<ComponentId, ComponentId> { [D] = A, [C] = A }, repoint);
        Assert.Equal(2, forwards.Unrepointed);

        forwards.Prune(repoint);

        Assert.Equal((0, 0), (forwards.Count, forwards.Unrepointed));
        Assert.Equal(D, forwards.Resolve(D));
    }

    [Fact]
    public void A_forward_that_moved_on_after_the_repoint_was_taken_is_kept_for_the_next_round()
    {
        var forwards = new ComponentForwards();
        forwards.Record(D, C);
        var repoint = forwards.ToRepoint();

        // C was merged into A meanwhile: the directory was told D → C, which is not the end any more.
        forwards.Record(C, A);
        forwards.Prune(repoint);

        Assert.Equal(A, forwards.Resolve(D));
        Assert.Equal(new Dictionary<ComponentId, ComponentId> { [D] = A, [C] = A }, forwards.ToRepoint());
    }
}
