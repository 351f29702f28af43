using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting;

/// <summary>Validates a <c>Linkage:*</c> options object by its data annotations and names each failing setting by its configuration path.</summary>
public sealed class LinkageOptionsValidation<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
        {
            var members = r.MemberNames.ToList();
            var where = members.Count == 0 ? section : string.Join(", ", members.Select(m => $"{section}:{m}"));
            return $"{where}: {r.ErrorMessage}";
        }));
    }
}
