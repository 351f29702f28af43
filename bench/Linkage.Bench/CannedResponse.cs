using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Linkage.Bench;

/// <summary>A storage answer made in-process by <see cref="NullStorageTransport"/>: a status, headers and a body.</summary>
internal sealed class CannedResponse : Response
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    public CannedResponse(int status, string reason, string? body = null, string? contentType = null)
    {
        Status = status;
        ReasonPhrase = reason;
        ContentStream = new MemoryStream(body is null ? [] : Encoding.UTF8.GetBytes(body), writable: false);
        if (contentType is not null) _headers["Content-Type"] = contentType;
        _headers["Content-Length"] = ContentStream.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        _headers["x-ms-version"] = "2025-01-05";
        _headers["Date"] = DateTimeOffset.UtcNow.ToString("R");
    }

    public CannedResponse With(string name, string value)
    {
        _headers[name] = value;
        return this;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
}
