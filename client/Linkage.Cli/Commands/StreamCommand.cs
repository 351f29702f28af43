using System.CommandLine;
using Linkage.Client.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Cli.Commands;

/// <summary><c>linkage stream FILE... --source NAME</c>: publish NDJSON files to the feed stream as an Orleans client.</summary>
public static class StreamCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "events-v1 NDJSON files" };
        var source = new Option<string>("--source") { Required = true, Description = "The feed's source name; also the ledger to look at: GET /api/v1/feeds/{source}" };
        var storage = new Option<string>("--storage") { DefaultValueFactory = _ => "UseDevelopmentStorage=true", Description = "The cluster's Azure Storage connection string" };
        var prefix = new Option<string>("--prefix") { DefaultValueFactory = _ => "linkage", Description = "The host's Linkage:Storage:Prefix" };
        var command = new Command("stream", "Publish events-v1 files to the feed stream (validated in the cluster; see the source's ledger for rejects)")
        {
            files, source, storage, prefix,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client => client.AddLinkageCluster(new LinkageClusterConnection
            {
                StorageConnectionString = parse.GetValue(storage)!,
                StoragePrefix = parse.GetValue(prefix)!,
            }));
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var publisher = new FeedPublisher(host.Services.GetRequiredService<IClusterClient>(), new FeedPublisherOptions());
            foreach (var file in parse.GetValue(files)!)
            {
                await using var stream = file.OpenRead();
                var sent = await publisher.PublishAsync(parse.GetValue(source)!, file.Name, stream, cancellationToken: cancellationToken);
                Console.WriteLine($"{file.Name}: {sent.Lines} lines in {sent.Batches} batches published");
            }

            await host.StopAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
