using System.ComponentModel.DataAnnotations;

namespace Linkage.Hosting;

/// <summary>Where Linkage keeps its state: one Azure Storage account (Azurite in development).</summary>
public sealed class LinkageStorageOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.AzureStorage;

    /// <summary>An Azure Storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Prefix of the tables, containers and queues, so that several deployments (or test runs) can share an account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$", ErrorMessage = "Linkage:Storage:Prefix must be a lowercase letter and up to 19 lowercase letters or digits")]
    public string Prefix { get; set; } = LinkageStorageNames.DefaultPrefix;

    /// <summary>How long one storage request may take before it counts as failed (the SDK's own retries included).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.AzureStorage && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Linkage:Storage:ConnectionString is required for the AzureStorage provider", [nameof(ConnectionString)]);
        }

        if (RequestTimeout <= TimeSpan.Zero) yield return new ValidationResult("Linkage:Storage:RequestTimeout must be positive", [nameof(RequestTimeout)]);
    }
}
