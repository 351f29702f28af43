using System.ComponentModel.DataAnnotations;

namespace Linkage.Hosting;

/// <summary>Where Linkage keeps its state: one Azure Storage account (Azurite in development).</summary>
public sealed class LinkageStorageOptions
{
    public const string SectionName = "Linkage:Storage";

    /// <summary>An Azure Storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Prefix of the tables and containers, so that several deployments (or test runs) can share an account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$")]
    public string Prefix { get; set; } = "linkage";
}
