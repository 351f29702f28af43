using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary>The API key: <c>--key</c>, else <c>LINKAGE_API_KEY</c>, else the development operator key (with a warning).</summary>
public static class ApiKeyOption
{
    public const string EnvironmentVariable = "LINKAGE_API_KEY";

    public const string DevelopmentOperatorKey = "dev-operator-key";

    public static Option<string?> Create() => new("--key")
    {
        Description = $"An API key with the operator role (default: ${EnvironmentVariable}, else the development key {DevelopmentOperatorKey})",
    };

    public static string Key(ParseResult parse, Option<string?> option)
    {
        var key = parse.GetValue(option) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(key)) return key;
        Console.Error.WriteLine($"linkage: using the development key {DevelopmentOperatorKey}; set {EnvironmentVariable} or --key for a real platform");
        return DevelopmentOperatorKey;
    }
}
