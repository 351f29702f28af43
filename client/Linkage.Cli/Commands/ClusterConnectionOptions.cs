using System.CommandLine;
using Linkage.Client.Streaming;
using Linkage.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Cli.Commands;

/// <summary><c>--storage</c> and <c>--prefix</c>: where the cluster is, for commands that join it as an Orleans client.</summary>
public sealed class ClusterConnectionOptions
{
    public Option<string> Storage { get; } = new("--storage")
    {
        DefaultValueFactory = _ => "UseDevelopmentStorage=true",
        Description = "The cluster's Azure Storage connection string",
    };

    public Option<string> Prefix { get; } = new("--prefix")
    {
        DefaultValueFactory = _ => ClusterNames.DefaultStoragePrefix,
        Description = "The host's Linkage:Storage:Prefix",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Storage);
        command.Options.Add(Prefix);
    }

    /// <summary>Starts an Orleans client connected to the cluster with its feed stream; stop it when done.</summary>
    public async Task<IHost> StartClientAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddLinkageCluster(new LinkageClusterConnection
        {
            StorageConnectionString = parse.GetValue(Storage)!,
            StoragePrefix = parse.GetValue(Prefix)!,
        }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
