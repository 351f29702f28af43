using System.Text;

namespace Linkage.Bench;

/// <summary>
/// The ingest bench's population (<see cref="PopulationBodies"/>: the generator's lines in arrival order, cut into
/// bodies) written as events-v1 NDJSON files for <c>linkage ingest</c>, one per sender: sender s gets bodies s, s + n,
/// s + 2n..., so that n senders together move through arrival order as the in-process bench's bodies in flight do.
/// </summary>
public static class PopulationFiles
{
    public static int Write(int people, int seed, int batch, int senders, string directory, TextWriter output)
    {
        var bodies = PopulationBodies.Of(people, seed, batch);
        Directory.CreateDirectory(directory);
        var paths = Enumerable.Range(1, senders).Select(s => Path.Combine(directory, $"sender-{s}.ndjson")).ToArray();
        var writers = paths.Select(p => new StreamWriter(p, append: false, new UTF8Encoding(false)) { NewLine = "\n" }).ToArray();
        try
        {
            for (var i = 0; i < bodies.Length; i++)
            {
                foreach (var line in bodies[i]) writers[i % senders].WriteLine(line);
            }
        }
        finally
        {
            foreach (var writer in writers) writer.Dispose();
        }

        output.WriteLine($"population: {people:N0} people (seed {seed}), {bodies.Sum(b => b.Length):N0} lines in {bodies.Length:N0} bodies of {batch:N0}, " +
            $"written for {senders} sender(s): {string.Join(" ", paths)}");
        return 0;
    }
}
