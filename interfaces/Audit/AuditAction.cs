namespace Linkage.Audit;

/// <summary>What an audited call did (api-v1's <c>action</c>).</summary>
public enum AuditAction
{
    Cohort,
    Person,
    Links,
    OptOut,
    Benchmark,
}
