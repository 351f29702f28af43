using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Linkage.Silo.Hosting;

/// <summary>Who may read what only operations should: the networks <c>/metrics</c> answers besides loopback.</summary>
public sealed class LinkageOperationsOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Operations";

    /// <summary>
    /// Networks in CIDR notation (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) or single addresses whose requests <c>/metrics</c>
    /// answers, besides loopback, which it always answers. Empty by default: a list bound from configuration adds to
    /// its defaults, so loopback is not one of them but implied.
    /// </summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>The configured networks, parsed; loopback is not among them (<see cref="Allows"/> adds it).</summary>
    public IReadOnlyList<IPNetwork> Parsed() => [.. Networks.Select(n => TryParse(n, out var network) ? network : throw new FormatException($"{SectionName}:{nameof(Networks)}: '{n}' is not a network"))];

    /// <summary>Whether a request from <paramref name="remote"/> may read what operations read; none (not an IP connection) may not.</summary>
    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? remote)
    {
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || networks.Any(n => n.Contains(remote));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Networks.Count; i++)
        {
            if (!TryParse(Networks[i], out _))
            {
                yield return new ValidationResult($"'{Networks[i]}' is not a network in CIDR notation (10.0.0.0/8) or an IP address", [$"{nameof(Networks)}:{i}"]);
            }
        }
    }

    private static bool TryParse(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network)) return true;
        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
