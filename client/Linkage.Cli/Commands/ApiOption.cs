using System.CommandLine;

namespace Linkage.Cli.Commands;

/// <summary><c>--api URL</c>: the platform's API, an absolute http(s) URL (default the development host).</summary>
public static class ApiOption
{
    public const string DevelopmentApi = "http://127.0.0.1:8080";

    public static Option<string> Create()
    {
        var api = new Option<string>("--api") { DefaultValueFactory = _ => DevelopmentApi, Description = "The platform's API" };
        api.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--api must be an absolute http(s) URL, e.g. {DevelopmentApi}");
            }
        });
        return api;
    }

    /// <summary>The API's base address, ending with a slash so that relative paths land under it.</summary>
    public static Uri BaseAddress(ParseResult parse, Option<string> option)
    {
        var value = parse.GetValue(option)!;
        return new Uri(value.EndsWith('/') ? value : value + "/");
    }
}
