using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c> by the key's SHA-256 against the configured hashes, compared in
/// constant time; answers 401/403 as problem+json.
/// </summary>
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

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));

        // Every configured key is compared, so the time taken tells nothing of which one matched.
        ApiKey? key = null;
        foreach (var candidate in api.CurrentValue.Keys)
        {
            if (candidate.Matches(presented)) key ??= candidate;
        }

        if (key is null) return Task.FromResult(AuthenticateResult.Fail("the API key is not known"));

        var claims = key.Roles.Select(r => new Claim(ClaimTypes.Role, r))
            .Append(new Claim(ClaimTypes.Name, key.KeyId))
            .Append(new Claim(ApiKeyId.ClaimType, key.KeyId));
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
}
