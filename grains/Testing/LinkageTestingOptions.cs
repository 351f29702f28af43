using System.ComponentModel.DataAnnotations;

namespace Linkage.Testing;

/// <summary>Test-only settings (<c>Linkage:Testing</c>); a host outside Development refuses to start with any of them set.</summary>
public sealed class LinkageTestingOptions
{
    public const string SectionName = "Linkage:Testing";

    /// <summary>
    /// Where the host kills itself (SIGKILL, no shutdown): <c>after-log-append</c>, <c>after-components-flushed</c>,
    /// <c>after-segments-deleted</c> or <c>mid-merge</c>, with <c>:k</c> for the k-th time it is passed (the first by default).
    /// </summary>
    [RegularExpression(CrashHook.Pattern, ErrorMessage = "must be after-log-append, after-components-flushed, after-segments-deleted or mid-merge, optionally followed by :k (k from 1)")]
    public string? CrashAt { get; set; }
}
