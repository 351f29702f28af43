using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// Concurrent senders over HTTP, each posting one body after another (never sending one again) and recording what was
/// acknowledged, refused or cut off. A sender stops when its host stops answering (the body in flight then had its
/// answer lost) or when the test says stop.
/// </summary>
public static class IngestLanes
{
    /// <summary>Runs <paramref name="lanesPerHost"/> senders against each host until each stops; any other answer than 200 or 503 fails.</summary>
    public static Task RunAsync(IReadOnlyList<Uri> hosts, int lanesPerHost, string operatorKey, CrashFeed feed, SentRecords record, CancellationToken stop) =>
        Task.WhenAll(hosts.SelectMany(host => Enumerable.Range(0, lanesPerHost).Select(_ => Task.Run(() => LaneAsync(host, operatorKey, feed, record, stop)))));

    private static async Task LaneAsync(Uri host, string operatorKey, CrashFeed feed, SentRecords record, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        while (!stop.IsCancellationRequested)
        {
            var body = feed.Next();
            var events = SentRecords.EventsOf(body);
            record.Sending(events);
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', body), Encoding.UTF8, "application/x-ndjson"));
            }
            catch (HttpRequestException e)
            {
                // The host is gone: a body it never took was not in flight; one cut off was, and its answer is lost.
                if (e.HttpRequestError != HttpRequestError.ConnectionError) record.AnswerLost();
                record.LaneEnded($"{host.Port}: {e.HttpRequestError}: {e.Message}");
                return;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.OK) record.Acknowledge(events);
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable) record.RefusedOnce();
                else throw new InvalidOperationException($"ingest to {host} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
