namespace Linkage.Storage;

/// <summary>Where Linkage keeps its state.</summary>
public enum StorageProvider
{
    /// <summary>An Azure Storage account (Azurite in development): what deployments and the durable tests use.</summary>
    AzureStorage,

    /// <summary>Process memory: nothing survives the process; for benchmarks of the engine itself.</summary>
    Memory,
}
