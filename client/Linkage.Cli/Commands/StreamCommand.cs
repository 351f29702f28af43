using System.CommandLine;
using Linkage.Client.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Linkage.Cli.Commands;

/// <summary><c>linkage stream FILE... --source NAME</c>: publish NDJSON files to the feed stream as an Orleans client.</summary>
public static class StreamCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "events-v1 NDJSON files" };
        var source = new Option<string>("--source") { Required = true, Description = "The feed's source name; also the ledger to look at: GET /api/v1/feeds/{source}" };
        var cluster = new ClusterConnectionOptions();
        var command = new Command("stream", "Publish events-v1 files to the feed stream (validated in the cluster; see the source's ledger for rejects)")
        {
            files, source,
        };
        cluster.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await cluster.StartClientAsync(parse, cancellationToken);
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
