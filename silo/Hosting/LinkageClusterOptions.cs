using System.ComponentModel.DataAnnotations;
using System.Net;
using Linkage.Hosting;

namespace Linkage.Silo.Hosting;

/// <summary>How this silo finds the others and where it listens.</summary>
public sealed class LinkageClusterOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Cluster";

    [Required(ErrorMessage = "is required")]
    public string ClusterId { get; set; } = ClusterNames.DefaultClusterId;

    [Required(ErrorMessage = "is required")]
    public string ServiceId { get; set; } = ClusterNames.DefaultServiceId;

    /// <summary><see cref="ClusterMembership.AzureTable"/> for real clusters; <see cref="ClusterMembership.Localhost"/> for a lone development silo.</summary>
    public ClusterMembership Membership { get; set; } = ClusterMembership.AzureTable;

    [Range(1, 65535, ErrorMessage = "must be a port, 1 to 65535")]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535, ErrorMessage = "must be a port, 1 to 65535")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address this silo advertises in the membership table, which other silos and clients connect to
    /// (loopback in Development). Empty: Orleans picks one of the machine's addresses; under Kubernetes, the pod's.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Orleans' Kubernetes hosting: silo name and address from the pod, defunct silos' pods watched.</summary>
    public bool Kubernetes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AdvertisedAddress)) yield break;
        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"'{AdvertisedAddress}' is not an IP address", [nameof(AdvertisedAddress)]);
        }
        else if (Kubernetes)
        {
            yield return new ValidationResult("must be empty when Linkage:Cluster:Kubernetes is true: the pod's address is advertised", [nameof(AdvertisedAddress)]);
        }
    }
}
