using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Linkage.Hosting;

namespace Linkage.Storage;

/// <summary>Where Linkage keeps its state: one Azure Storage account (Azurite in development), or process memory for benchmarks.</summary>
public sealed class LinkageStorageOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.AzureStorage;

    /// <summary>An Azure Storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Prefix of the tables and containers, so that several deployments (or test runs) can share an account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$", ErrorMessage = "must be a lower-case letter and up to 19 lower-case letters or digits (it starts table, container and queue names)")]
    public string Prefix { get; set; } = ClusterNames.DefaultStoragePrefix;

    /// <summary>How long one storage request may take, network retries included, before it counts as failed: an outage is answered soon, not after the SDK's long retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "must be between 0.1 s and 5 minutes")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != StorageProvider.AzureStorage) yield break;
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required: an Azure Storage connection string", [nameof(ConnectionString)]);
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new TableServiceClient(ConnectionString);
            _ = new BlobServiceClient(ConnectionString);
            _ = new QueueServiceClient(ConnectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"is not an Azure Storage connection string ({problem})", [nameof(ConnectionString)]);
        }
    }
}
