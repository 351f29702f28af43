using Linkage.Silo.Api;
using Linkage.Tokens;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Hosting;

/// <summary>Refuses to start a Production host with the development secret or development keys.</summary>
public sealed class ProductionSafetyValidation(IHostEnvironment environment) : IValidateOptions<LinkageApiOptions>, IValidateOptions<LinkageTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkageApiOptions options)
    {
        var failures = new List<string>();
        foreach (var key in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Key)) failures.Add("Linkage:Api:Keys: a key is empty");
            foreach (var role in key.Roles.Where(r => !ApiRoles.All.Contains(r)))
            {
                failures.Add($"Linkage:Api:Keys: role '{role}' is not one of {string.Join(", ", ApiRoles.All)}");
            }

            if (environment.IsProduction() && LinkageApiOptions.DevelopmentKeys.Contains(key.Key))
            {
                failures.Add($"Linkage:Api:Keys: the development key '{key.Key}' is refused in Production");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, LinkageTokenOptions options)
    {
        if (string.IsNullOrEmpty(options.Secret)) return ValidateOptionsResult.Fail("Linkage:Tokens:Secret is required");
        if (environment.IsProduction() && options.Secret == LinkageTokenizer.DevelopmentSecret)
        {
            return ValidateOptionsResult.Fail("Linkage:Tokens:Secret: the development secret is refused in Production");
        }

        return ValidateOptionsResult.Success;
    }
}
