namespace Linkage.Audit;

/// <summary>One data read or opt-out, as api-v1's audit log lists it: who (a key id, never the key), when, what, how many.</summary>
[GenerateSerializer, Immutable, Alias("linkage.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>The id of the API key that asked (see the key configuration), never the key itself.</summary>
    [Id(1)] public required string Key { get; init; }

    [Id(2)] public required AuditAction Action { get; init; }

    /// <summary>The cohort definition (cohort-v1 JSON), the token, or the person id that was read.</summary>
    [Id(3)] public required string What { get; init; }

    /// <summary>The cohort's total (null when suppressed), records read, links listed, or records purged.</summary>
    [Id(4)] public long? Count { get; init; }

    /// <summary>For a cohort query, how many of its groups were suppressed (an optional field of the audit line).</summary>
    [Id(5)] public int? Suppressed { get; init; }
}
