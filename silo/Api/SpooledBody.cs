namespace Linkage.Silo.Api;

/// <summary>A request body copied to a temporary file, read back from its start, deleted when disposed.</summary>
public static class SpooledBody
{
    /// <summary>The body as a file stream, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<Stream?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    await file.DisposeAsync();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
