using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Client.Http;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Tokens;

namespace Linkage.Bench;

/// <summary>
/// One threshold crossing of the alert-latency benchmark: a fresh analysis (its own codes, so no other record touches
/// it) brought to one ingest short of its threshold, and the lines of the ingest that crosses it.
/// </summary>
public abstract class AlertCrossing
{
    private static readonly LinkageTokenizer Tokenizer = new(LinkageTokenizer.DevelopmentSecret);

    /// <summary>The feed source of the crossing's records (its own, so that its ledger counts its batches only).</summary>
    public string Source { get; } = "alat-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>What the analysis is called in its alerts.</summary>
    public abstract string Name { get; }

    /// <summary>The <see cref="AlertStreamListener"/> key of the alert the crossing raises.</summary>
    public abstract string AlertKey { get; }

    /// <summary>The lines of the ingest that crosses the threshold (new people on each call: call it once).</summary>
    public abstract IReadOnlyList<string> CrossingLines();

    /// <summary>Starts the analysis and ingests (over HTTP) the records that leave it one ingest short of its threshold.</summary>
    public abstract Task PrepareAsync(LinkageApiClient operatorApi, HttpClient authority);

    /// <summary>Throws unless <paramref name="alert"/> is the one the crossing must raise (with the values it must have).</summary>
    public abstract void Check(JsonElement alert);

    /// <summary>Whether the alert was raised by an evaluation that saw only part of the crossing ingest's records.</summary>
    public virtual bool RaisedOnPartOfTheCrossing(JsonElement alert) => false;

    /// <summary>Ends the analysis, so that the live analyses stay as many as before.</summary>
    public abstract Task EndAsync(HttpClient authority);

    protected static string NewMid() => Tokenizer.Mid("ALAT-" + Guid.NewGuid().ToString("N"));

    protected static string Line(FeedEvent record) => FeedEventJson.ToJson(record);

    /// <summary>
    /// Sends the lines as one body until it is acknowledged: a 503 (the engine recovering, behind, or short of memory)
    /// is sent again after its Retry-After, as an operator does; the acknowledgement timed is the one that came.
    /// </summary>
    internal static async Task IngestAsync(LinkageApiClient operatorApi, IReadOnlyList<string> lines)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        IngestAnswer answer;
        var giveUp = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            try
            {
                answer = await operatorApi.IngestAsync(body);
                break;
            }
            catch (LinkageApiException e) when (e.Status == HttpStatusCode.ServiceUnavailable && DateTimeOffset.UtcNow < giveUp)
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromSeconds(1));
            }
        }

        if (answer.Accepted != lines.Count) throw new InvalidOperationException($"ingest accepted {answer.Accepted} of {lines.Count} lines: {string.Join("; ", answer.Rejected.Select(r => $"line {r.Line}: {r.Reason}"))}");
    }

    /// <summary>Sends a request of the authority; throws naming the answer unless it succeeded.</summary>
    protected static async Task AuthorityAsync(HttpClient authority, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await authority.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Throws unless every pair is equal, naming the field.</summary>
    protected void Expect(JsonElement alert, params (string Field, object Expected, object Actual)[] fields)
    {
        foreach (var (field, expected, actual) in fields)
        {
            if (!Equals(expected, actual)) throw new InvalidOperationException($"{Name}: expected {field} {expected} in the alert, saw {actual}: {alert}");
        }
    }
}
