using System.CommandLine;
using Linkage.Tokens;

namespace Linkage.Cli.Commands;

/// <summary>The token secret: <c>--secret</c>, else <c>LINKAGE_SECRET</c>, else the development secret (with a warning).</summary>
public static class SecretOption
{
    public const string EnvironmentVariable = "LINKAGE_SECRET";

    public static readonly Option<string?> Option = new("--secret")
    {
        Description = $"The keyed-hash secret shared with the platform (default: ${EnvironmentVariable}, else the development secret)",
    };

    public static LinkageTokenizer Tokenizer(ParseResult parse) => new(Secret(parse));

    /// <summary>The secret itself, for code that makes its own tokenizer (the population generator).</summary>
    public static string Secret(ParseResult parse)
    {
        var secret = parse.GetValue(Option) ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine($"linkage: using the development secret; set {EnvironmentVariable} or --secret for real data");
            secret = LinkageTokenizer.DevelopmentSecret;
        }

        return secret;
    }
}
