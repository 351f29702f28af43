using System.ComponentModel.DataAnnotations;

namespace Linkage.Silo.Api;

/// <summary>How many requests one API key, or one client address without a valid key, may make per window before it is answered 429 with <c>Retry-After</c>.</summary>
public sealed class LinkageRateLimitOptions
{
    public const string SectionName = "Linkage:Api:RateLimit";

    /// <summary>Requests per window for a key without a <see cref="ApiKey.PermitLimit"/> of its own.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 1000;

    /// <summary>Requests per window from one client address without a valid key (health probes, scrapes, refused keys).</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousPermitLimit { get; set; } = 1000;

    /// <summary>The window the limits count over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "must be between 1 second and 1 hour")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
