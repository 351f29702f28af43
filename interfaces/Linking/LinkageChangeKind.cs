namespace Linkage.Linking;

/// <summary>How people changed.</summary>
public enum LinkageChangeKind
{
    /// <summary>Several people became one.</summary>
    Merge,

    /// <summary>One person became several.</summary>
    Split,
}
