using Linkage.Client.Import;
using Linkage.Feeds;

namespace Linkage.Tests.Import;

/// <summary>Ways to damage an input file, and what must hold of an importer's answer however it was damaged.</summary>
internal static class Corruption
{
    /// <summary><paramref name="bytes"/> with <paramref name="count"/> bytes set to random values, and where.</summary>
    public static (byte[] Bytes, int[] At) Flip(byte[] bytes, Random random, int count)
    {
        var damaged = (byte[])bytes.Clone();
        var at = new int[count];
        for (var i = 0; i < count; i++)
        {
            at[i] = random.Next(damaged.Length);
            damaged[at[i]] = (byte)random.Next(256);
        }

        return (damaged, at);
    }

    public static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    /// <summary>Where line <paramref name="line"/> (1-based) starts in <paramref name="bytes"/>.</summary>
    public static int LineStart(byte[] bytes, int line)
    {
        var at = 0;
        for (var n = 1; n < line; n++) at = Array.IndexOf(bytes, (byte)'\n', at) + 1;
        return at;
    }

    /// <summary>
    /// Every place the importer answered for is an event or a rejection with a reason, never both; every event is one
    /// the platform takes as it is (core's parser reads its line back as the same event).
    /// </summary>
    public static void AllAccountedFor(IEnumerable<ImportedLine> lines)
    {
        foreach (var line in lines)
        {
            Assert.True(line.Line >= 1, $"line {line.Line} is not a line");
            Assert.True(line.IsEvent ^ line.Rejection is not null, $"line {line.Line} is neither an event nor a rejection, or both");
            if (line.Rejection is { } rejection)
            {
                Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"line {line.Line} is rejected without a reason");
                Assert.Equal(line.Line, rejection.Line);
                continue;
            }

            var back = FeedLineParser.Parse(FeedEventJson.ToJson(line.Event!), line.Line);
            Assert.True(back.IsAccepted, $"line {line.Line}: the importer took an event core rejects: {back.Rejection?.Reason}");
            Assert.Equal(line.Event, back.Event);
        }
    }
}
