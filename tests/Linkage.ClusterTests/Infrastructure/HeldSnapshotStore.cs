using System.Collections.Concurrent;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// The silo's snapshot store, with the writes of keys a test names held until it releases them (<see cref="Hold"/>);
/// every other request goes straight through.
/// </summary>
public sealed class HeldSnapshotStore(ISnapshotStore inner) : ISnapshotStore
{
    private static readonly ConcurrentDictionary<string, HeldCall> Held = new();

    /// <summary>Holds the next write of the snapshot <paramref name="key"/> (<see cref="SnapshotGrainStorage.KeyOf"/>) until released.</summary>
    public static HeldCall Hold(string key) => Held.GetOrAdd(key, _ => new HeldCall());

    /// <summary>Wraps the snapshot store the silo registered.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISnapshotStore));
        services.Remove(registered);
        services.AddSingleton<ISnapshotStore>(sp => new HeldSnapshotStore(registered.ImplementationFactory is { } factory
            ? (ISnapshotStore)factory(sp)
            : (ISnapshotStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)));
    }

    public Task<StoredSnapshot?> ReadAsync(string key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken = default)
    {
        if (Held.TryRemove(key, out var hold))
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task;
        }

        return await inner.WriteAsync(key, data, etag, cancellationToken);
    }

    public Task DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, etag, cancellationToken);
}
