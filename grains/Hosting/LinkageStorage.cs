namespace Linkage.Hosting;

/// <summary>Names of Linkage's grain storage providers.</summary>
public static class LinkageStorage
{
    /// <summary>Blob storage for components: their state grows with a person's records past a table entity's 1 MB.</summary>
    public const string Components = "linkage-components";

    /// <summary>Table storage for the small, many key grains and directory partitions.</summary>
    public const string Keys = "linkage-keys";
}
