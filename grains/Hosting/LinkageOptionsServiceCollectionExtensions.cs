using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Linkage.Hosting;

/// <summary>Binds <c>Linkage:*</c> sections to options that are validated when the host starts.</summary>
public static class LinkageOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="TOptions"/>, validated at start by its annotations
    /// (<see cref="LinkageOptionsValidation{TOptions}"/>, which names the failing setting): a missing or wrong
    /// setting stops the host before anything uses it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddLinkageOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new LinkageOptionsValidation<TOptions>(section)));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
