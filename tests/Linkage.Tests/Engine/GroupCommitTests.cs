using Linkage.Partitions;

namespace Linkage.Tests.Engine;

/// <summary>Items submitted while a commit is under way go together in the next; a commit's callers share its outcome.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Items_submitted_during_a_commit_go_together_in_the_next_and_complete_with_it()
    {
        var commits = new List<int[]>();
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var group = new GroupCommit<int>(async items =>
        {
            lock (commits) commits.Add([.. items]);
            if (items[0] == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
        });

        var first = group.SubmitAsync(1);
        await firstStarted.Task;
        var waiting = new[] { group.SubmitAsync(2), group.SubmitAsync(3), group.SubmitAsync(4) };
        Assert.Equal(3, group.Waiting);
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        releaseFirst.SetResult();
        await first;
        await Task.WhenAll(waiting);

        Assert.Equal([[1], [2, 3, 4]], commits);
        Assert.Equal(0, group.Waiting);
    }

    [Fact]
    public async Task A_failed_commit_fails_exactly_its_callers_and_the_next_commit_still_runs()
    {
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var group = new GroupCommit<string>(async items =>
        {
            if (items[0] == "first")
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
                return;
            }

            if (items.Contains("bad")) throw new InvalidOperationException("storage said no");
        }, maxItems: 2);

        var first = group.SubmitAsync("first");
        await firstStarted.Task;
        var failing = new[] { group.SubmitAsync("bad"), group.SubmitAsync("with-bad") };
        var after = group.SubmitAsync("good"); // the group above is full (maxItems 2): a commit of its own
        releaseFirst.SetResult();

        await first;
        foreach (var t in failing) Assert.Equal("storage said no", (await Assert.ThrowsAsync<InvalidOperationException>(() => t)).Message);
        await after;
    }
}
