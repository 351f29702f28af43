using Linkage.Ingest;

namespace Linkage.Bench;

/// <summary>What one pass of bodies through the ingest pipeline took: time, CPU, GC, and what it was answered.</summary>
public sealed record IngestMeasurement(int Lines, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan GcPause, long Allocated, IngestTally Tally, long Resent = 0)
{
    public double LinesPerSecond => Lines / Elapsed.TotalSeconds;

    public double LinesPerCpuSecond => Lines / Cpu.TotalSeconds;

    public override string ToString() =>
        $"{Lines:N0} lines in {Elapsed.TotalSeconds:N1} s: {LinesPerSecond:N0} lines/s (accepted {Tally.Accepted:N0}, duplicates {Tally.Duplicates:N0}); " +
        $"CPU {Cpu.TotalSeconds:N1} s ({LinesPerCpuSecond:N0} lines per CPU-second), GC paused {GcPause.TotalSeconds:N1} s, allocated {Allocated / Math.Max(1, Lines):N0} B/line" +
        (Resent > 0 ? $"; {Resent:N0} bodies answered 503 and sent again" : "");
}
