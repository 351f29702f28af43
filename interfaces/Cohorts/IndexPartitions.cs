using Linkage.Linking;

namespace Linkage.Cohorts;

/// <summary>How components spread over the cohort index's partitions.</summary>
public static class IndexPartitions
{
    /// <summary>The partition of a component among <paramref name="partitions"/> (fixed for a deployment).</summary>
    public static int PartitionOf(ComponentId component, int partitions) =>
        (int)((ulong)component.Value * 0x9E3779B97F4A7C15UL >> 33) % partitions;
}
