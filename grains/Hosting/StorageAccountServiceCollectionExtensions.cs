using Linkage.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Hosting;

/// <summary>Registers <c>Linkage:Storage</c> and the one <see cref="StorageAccount"/> built from it.</summary>
public static class StorageAccountServiceCollectionExtensions
{
    public static IServiceCollection AddLinkageStorageAccount(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLinkageOptions<LinkageStorageOptions>(configuration, LinkageStorageOptions.SectionName);
        services.TryAddSingleton<StorageRequests>();
        services.TryAddSingleton<StorageAccount>();
        return services;
    }
}
