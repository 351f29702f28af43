namespace Linkage.Testing;

/// <summary>A point in the engine where a test host can be told to kill itself (<c>Linkage:Testing:CrashAt</c>).</summary>
public enum CrashPoint
{
    None,

    /// <summary><c>after-log-append</c>: an append of the log is durable, its batches not yet acknowledged.</summary>
    AfterLogAppend,

    /// <summary><c>after-components-flushed</c>: components have written their snapshots, the checkpoint has not moved.</summary>
    AfterComponentsFlushed,

    /// <summary><c>after-segments-deleted</c>: the checkpoint moved and log segments behind it are being deleted.</summary>
    AfterSegmentsDeleted,

    /// <summary><c>mid-merge</c>: the survivor has absorbed (and written) a merged component's records, the merged one still holds them (merges that move records only).</summary>
    MidMerge,
}
