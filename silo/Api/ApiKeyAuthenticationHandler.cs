using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary>Authenticates <c>Authorization: Bearer KEY</c> against the configured keys; answers 401/403 as problem+json.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<LinkageApiOptions> api,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header is not 'Bearer KEY'"));
        }

        var presented = header["Bearer ".Length..].Trim();
        var key = api.CurrentValue.Keys.FirstOrDefault(k => FixedTimeEquals(k.Key, presented));
        if (key is null) return Task.FromResult(AuthenticateResult.Fail("the API key is not known"));

        var claims = key.Roles.Select(r => new Claim(ClaimTypes.Role, r))
            .Append(new Claim(ClaimTypes.Name, KeyLabel(key.Key)))
            .Append(new Claim(ApiKeyId.ClaimType, ApiKeyId.Of(key.Key)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure?.Message is { } reason
            ? $"{reason}: send a valid key as 'Authorization: Bearer KEY'."
            : "This call needs 'Authorization: Bearer KEY' with a valid API key.";
        await WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "The API key does not carry the role this call needs; ask for a key with that role.");
    }

    private async Task WriteProblem(int status, string title, string detail)
    {
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(presented));

    // Logs and claims name a key by a prefix only, never the whole secret.
    private static string KeyLabel(string key) => key.Length <= 6 ? "key" : key[..6] + "…";
}
