using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Linkage.Testing;

/// <summary>Fails every storage request of a silo an in-process test cluster killed, as if its process were gone.</summary>
public sealed class KilledSiloStoragePolicy(CrashHook crash) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (crash.Killed) throw new RequestFailedException(0, "the silo was killed: its storage calls never arrive");
    }
}
