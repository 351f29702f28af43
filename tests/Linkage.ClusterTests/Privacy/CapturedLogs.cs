using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Linkage.ClusterTests.Privacy;

/// <summary>Every log line of the silos it configures, at every level, with its exception and scopes, kept in memory for a test to read.</summary>
public sealed class CapturedLogs : IHostConfigurator
{
    private static readonly ConcurrentQueue<string> Captured = new();

    /// <summary>The lines logged so far.</summary>
    public static IReadOnlyCollection<string> Lines => Captured;

    public void Configure(IHostBuilder hostBuilder) => hostBuilder.ConfigureLogging(logging => logging
        .SetMinimumLevel(LogLevel.Trace)
        .AddFilter(_ => true)
        .Services.AddSingleton<ILoggerProvider>(new Provider()));

    private sealed class Provider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(string category, Provider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                Captured.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] [{string.Join(" > ", scopes)}] {exception}");
            }
        }
    }
}
