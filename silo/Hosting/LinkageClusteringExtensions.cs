using System.Net;
using Linkage.Hosting;
using Linkage.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Linkage.Silo.Hosting;

/// <summary>Adds how a Linkage silo forms its cluster: ids, endpoints, membership and, optionally, Kubernetes hosting.</summary>
public static class LinkageClusteringExtensions
{
    /// <summary>Adds <c>Linkage:Cluster</c>: the validated options are the ones the cluster, endpoint and membership options are built from.</summary>
    public static ISiloBuilder AddLinkageClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddLinkageOptions<LinkageClusterOptions>(configuration, LinkageClusterOptions.SectionName);
        silo.Services.AddLinkageStorageAccount(configuration);
        silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<LinkageClusterOptions>>((o, cluster) =>
        {
            o.ClusterId = cluster.Value.ClusterId;
            o.ServiceId = cluster.Value.ServiceId;
        });
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<LinkageClusterOptions>>((o, cluster) =>
        {
            o.SiloPort = cluster.Value.SiloPort;
            o.GatewayPort = cluster.Value.GatewayPort;
            if (cluster.Value.Membership == ClusterMembership.Localhost) o.AdvertisedIPAddress = IPAddress.Loopback;
            else if (IPAddress.TryParse(cluster.Value.AdvertisedAddress, out var address)) o.AdvertisedIPAddress = address;
        });

        // Which providers are added is decided now; ValidateOnStart checks the same section before any of them runs.
        var cluster = configuration.GetSection(LinkageClusterOptions.SectionName).Get<LinkageClusterOptions>() ?? new LinkageClusterOptions();
        if (cluster.Membership == ClusterMembership.Localhost)
        {
            silo.UseDevelopmentClustering(primarySiloEndpoint: null);
        }
        else
        {
            silo.UseAzureStorageClustering(options => options.Configure<StorageAccount>((o, account) =>
            {
                o.TableServiceClient = account.Tables;
                o.TableName = ClusterNames.MembershipTable(account.Prefix);
            }));
        }

        if (cluster.Kubernetes) silo.UseKubernetesHosting();
        return silo;
    }
}
