namespace Linkage.Tests.Import;

/// <summary>A stream that reads forward only, like a network body.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
