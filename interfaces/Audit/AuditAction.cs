namespace Linkage.Audit;

/// <summary>What an audited call did (api-v1's <c>action</c>).</summary>
public enum AuditAction
{
    Cohort,
    Person,
    Links,
    OptOut,
    Benchmark,

    /// <summary>A safety-v1 sequence symmetry analysis.</summary>
    Ssa,

    /// <summary>A safety-v1 monitor started, read, listed or ended (the authority).</summary>
    Monitor,

    /// <summary>A read of surveillance indicators or their series.</summary>
    Surveillance,

    /// <summary>A read of the alert list or stream.</summary>
    Alerts,
}
