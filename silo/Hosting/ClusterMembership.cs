namespace Linkage.Silo.Hosting;

/// <summary>Where silos record cluster membership.</summary>
public enum ClusterMembership
{
    /// <summary>An Azure Storage table: several silos, on several machines.</summary>
    AzureTable,

    /// <summary>One silo on loopback, nothing stored.</summary>
    Localhost,
}
