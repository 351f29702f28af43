namespace Linkage.ClusterTests.Infrastructure;

/// <summary>A grain call held by <see cref="FaultInjectionFilter.Hold"/>: reached when it arrives, going on when released.</summary>
public sealed class HeldCall
{
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
