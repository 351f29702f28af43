using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary>
/// <c>--api URL[,URL...]</c>: the platform's API, absolute http(s) URLs (default the development host); with several
/// (the silos of a cluster), a request that cannot reach one goes to the next.
/// </summary>
public static class ApiOption
{
    public const string DevelopmentApi = "http://127.0.0.1:8080";

    public static Option<string> Create()
    {
        var api = new Option<string>("--api") { DefaultValueFactory = _ => DevelopmentApi, Description = "The platform's API; several silos' URLs, comma-separated, to fail over between them" };
        api.Validators.Add(result =>
        {
            foreach (var value in Split(result.GetValueOrDefault<string>()))
            {
                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--api: '{value}' is not an absolute http(s) URL, e.g. {DevelopmentApi}");
                }
            }
        });
        return api;
    }

    /// <summary>The API's base addresses in the order given, each ending with a slash so that relative paths land under it.</summary>
    public static IReadOnlyList<Uri> BaseAddresses(ParseResult parse, Option<string> option) =>
        [.. Split(parse.GetValue(option)).Select(value => new Uri(value.EndsWith('/') ? value : value + "/"))];

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } values ? values : [string.Empty];
}
