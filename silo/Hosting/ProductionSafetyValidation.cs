using Linkage.Cohorts;
using Linkage.Silo.Api;
using Linkage.Testing;
using Linkage.Tokens;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Hosting;

/// <summary>
/// Refuses keys that are not stored as hashes or carry unknown roles, a Production host with the development secret,
/// development keys or the development facility-pseudonym secret, and any host outside Development with a test crash
/// point set.
/// </summary>
public sealed class ProductionSafetyValidation(IHostEnvironment environment)
    : IValidateOptions<LinkageApiOptions>, IValidateOptions<LinkageTestingOptions>, IValidateOptions<LinkageBenchmarkOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkageBenchmarkOptions options)
    {
        // Pseudonyms under a secret anyone can read in this repository would be codes to anyone who hashes them.
        if (environment.IsProduction() && options.PseudonymSecret is null or LinkageBenchmarkOptions.DevelopmentSecret)
        {
            return ValidateOptionsResult.Fail($"{LinkageBenchmarkOptions.SectionName}:PseudonymSecret: required in Production, and not the development secret");
        }

        return ValidateOptionsResult.Success;
    }

    public ValidateOptionsResult Validate(string? name, LinkageApiOptions options)
    {
        var failures = new List<string>();
        var development = LinkageApiOptions.DevelopmentKeys.ToDictionary(ApiKey.HashOf, k => k);
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var at = $"Linkage:Api:Keys:{i}";
            if (!key.HasWellFormedHash)
            {
                failures.Add($"{at}:Hash: must be the key's SHA-256 as 64 hex digits (printf %s \"$KEY\" | sha256sum); configuration never holds the key itself");
                continue;
            }

            foreach (var role in key.Roles.Where(r => !ApiRoles.All.Contains(r)))
            {
                failures.Add($"{at}:Roles: role '{role}' is not one of {string.Join(", ", ApiRoles.All)}");
            }

            if (key.PermitLimit is < 1) failures.Add($"{at}:PermitLimit: must be at least 1");
            if (environment.IsProduction() && development.TryGetValue(key.Hash.ToLowerInvariant(), out var plain))
            {
                failures.Add($"{at}:Hash: the development key '{plain}' is refused in Production");
            }
        }

        foreach (var shared in options.Keys.Where(k => k.HasWellFormedHash).GroupBy(k => k.Hash.ToLowerInvariant()).Where(g => g.Count() > 1))
        {
            failures.Add($"Linkage:Api:Keys: {shared.Count()} entries have the hash {shared.Key[..12]}…; give each key one entry");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, LinkageTestingOptions options)
    {
        // A crash point kills the process on purpose: never where real data flows.
        if (options.CrashAt is { Length: > 0 } && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail($"{LinkageTestingOptions.SectionName}:CrashAt: a test crash point is refused outside Development (this host is {environment.EnvironmentName})");
        }

        return ValidateOptionsResult.Success;
    }
}
