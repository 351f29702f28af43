namespace Linkage.Engine;

/// <summary>The engine cannot take an ingest now (recovering, behind, or its storage unreachable); nothing of it was acknowledged, so sending it again is safe.</summary>
[GenerateSerializer, Alias("linkage.EngineUnavailableException")]
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException(string reason, TimeSpan retryAfter, Exception? inner = null)
        : base(reason, inner)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the sender should wait before sending again.</summary>
    [Id(0)] public TimeSpan RetryAfter { get; }
}
