namespace Linkage.Silo.Api;

/// <summary>The roles of api-v1: what a key may carry (<c>Linkage:Api:Keys:N:Roles</c>); routes name them in <c>LinkageRoutes</c>.</summary>
public static class ApiRoles
{
    public const string Operator = "operator";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    /// <summary>The public-health and drug-safety authority: surveillance, safety monitors and benchmarks with exact counts.</summary>
    public const string Authority = "authority";

    public static readonly IReadOnlyList<string> All = [Operator, Researcher, Authority, Admin];
}
