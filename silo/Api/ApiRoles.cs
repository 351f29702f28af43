namespace Linkage.Silo.Api;

/// <summary>The roles of api-v1; each is also the name of its authorization policy.</summary>
public static class ApiRoles
{
    public const string Operator = "operator";
    public const string Researcher = "researcher";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Operator, Researcher, Admin];
}
