using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Linkage.Hosting;

/// <summary>Where Linkage keeps its state: one Azure Storage account (Azurite in development).</summary>
public sealed class LinkageStorageOptions : IValidatableObject
{
    public const string SectionName = "Linkage:Storage";

    /// <summary>An Azure Storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite on its default ports.</summary>
    [Required(ErrorMessage = "is required: an Azure Storage connection string")]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Prefix of the tables and containers, so that several deployments (or test runs) can share an account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$", ErrorMessage = "must be a lower-case letter and up to 19 lower-case letters or digits (it starts table, container and queue names)")]
    public string Prefix { get; set; } = ClusterNames.DefaultStoragePrefix;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) yield break;
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
