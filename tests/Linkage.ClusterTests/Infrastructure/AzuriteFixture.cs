namespace Linkage.ClusterTests.Infrastructure;

/// <summary>One Azurite for a test class whose tests each work under a prefix of their own (<see cref="LinkageClusterFixture.NewPrefix"/>).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await Storage.DisposeAsync();
}
