using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary>The API key: <c>--key</c>, else <c>LINKAGE_API_KEY</c>, else the development key of the role the command needs (with a warning).</summary>
public static class ApiKeyOption
{
    public const string EnvironmentVariable = "LINKAGE_API_KEY";

    public const string DevelopmentOperatorKey = "dev-operator-key";

    public const string DevelopmentResearcherKey = "dev-researcher-key";

    public const string DevelopmentAuthorityKey = "dev-authority-key";

    public static Option<string?> Create(string role = "operator", string developmentKey = DevelopmentOperatorKey) => new("--key")
    {
        Description = $"An API key with the {role} role (default: ${EnvironmentVariable}, else the development key {developmentKey})",
    };

    public static string Key(ParseResult parse, Option<string?> option, string developmentKey = DevelopmentOperatorKey)
    {
        var key = parse.GetValue(option) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(key)) return key;
        Console.Error.WriteLine($"linkage: using the development key {developmentKey}; set {EnvironmentVariable} or --key for a real platform");
        return developmentKey;
    }
}
