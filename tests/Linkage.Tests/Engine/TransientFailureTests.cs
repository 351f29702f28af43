using Linkage.Engine;

namespace Linkage.Tests.Engine;

/// <summary>Which failures the API answers 503 (send again later) rather than 500.</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public void Storage_attempts_that_timed_out_and_were_given_up_by_the_sdk_are_transient()
    {
        var timedOut = new AggregateException("Retry failed after 3 tries.",
            new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10."),
            new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10."));

        Assert.True(TransientFailure.Is(timedOut));
    }

    [Fact]
    public void A_callers_own_cancellation_is_not_transient()
    {
        Assert.False(TransientFailure.Is(new TaskCanceledException()));
    }

    [Fact]
    public void A_bug_is_not_transient_even_inside_an_aggregate()
    {
        Assert.False(TransientFailure.Is(new AggregateException(new InvalidOperationException("bug"))));
        Assert.True(TransientFailure.Is(new AggregateException(new InvalidOperationException("bug"), new Azure.RequestFailedException("storage"))));
    }
}
