namespace Linkage.Linking;

/// <summary>Why record versions are applied.</summary>
public enum ApplyMode
{
    /// <summary>An ingest: the index hears of the component only when it changed.</summary>
    Live,

    /// <summary>Recovery from the log: the component tells its index partition what it holds even when nothing changed, since the partition may have lost it.</summary>
    Replay,
}
