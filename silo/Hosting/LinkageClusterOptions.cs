using System.ComponentModel.DataAnnotations;

namespace Linkage.Silo.Hosting;

/// <summary>How this silo finds the others and where it listens.</summary>
public sealed class LinkageClusterOptions
{
    public const string SectionName = "Linkage:Cluster";

    [Required]
    public string ClusterId { get; set; } = "linkage";

    [Required]
    public string ServiceId { get; set; } = "linkage";

    /// <summary><see cref="ClusterMembership.AzureTable"/> for real clusters; <see cref="ClusterMembership.Localhost"/> for a lone development silo.</summary>
    public ClusterMembership Membership { get; set; } = ClusterMembership.AzureTable;

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
