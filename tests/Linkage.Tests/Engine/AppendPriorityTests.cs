using Linkage.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Tests.Engine;

public sealed class AppendPriorityTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task With_the_log_quiet_snapshot_transactions_start_side_by_side()
    {
        var priority = new AppendPriority(_clock);

        var started = new List<AppendPriority.Scope>();
        for (var i = 0; i < AppendPriority.TransactionsWhileAppending + 3; i++)
        {
            var next = priority.TransactionAsync();
            Assert.True(next.IsCompleted, $"transaction {i + 1} waited though the log was quiet");
            started.Add(await next);
        }

        started.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task While_the_log_appends_a_transaction_beyond_the_few_allowed_waits_for_one_to_end()
    {
        var priority = new AppendPriority(_clock);
        using var append = priority.Append();
        var allowed = new List<AppendPriority.Scope>();
        for (var i = 0; i < AppendPriority.TransactionsWhileAppending; i++) allowed.Add(await priority.TransactionAsync());

        var beyond = priority.TransactionAsync().AsTask();
        Assert.False(beyond.IsCompleted, "a transaction beyond the few allowed started while the log appended");

        allowed[0].Dispose();
        (await beyond).Dispose();
        allowed[1].Dispose();
    }

    [Fact]
    public async Task Just_after_an_append_the_log_still_counts_as_busy_and_a_second_later_it_is_quiet()
    {
        var priority = new AppendPriority(_clock);
        priority.Append().Dispose();
        var allowed = new List<AppendPriority.Scope>();
        for (var i = 0; i < AppendPriority.TransactionsWhileAppending; i++) allowed.Add(await priority.TransactionAsync());
        Assert.False(priority.TransactionAsync().AsTask().IsCompleted, "a transaction beyond the few allowed started just after an append");

        _clock.Advance(AppendPriority.Recent);
        var quiet = priority.TransactionAsync();
        Assert.True(quiet.IsCompleted, "a transaction waited a second after the last append");
        (await quiet).Dispose();
        allowed.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task While_the_log_appends_transactions_still_go_so_a_checkpoint_ends()
    {
        var priority = new AppendPriority(_clock);
        using var append = priority.Append();

        var first = priority.TransactionAsync();

        Assert.True(first.IsCompleted, "no transaction could start while the log appended: snapshots would stop under load");
        (await first).Dispose();
    }
}
