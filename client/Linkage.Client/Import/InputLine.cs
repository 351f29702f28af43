namespace Linkage.Client.Import;

/// <summary>One line of an input file as bytes, before decoding, without its line end.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Bytes">The line's bytes, CR and LF removed; for a line that is <see cref="TooLong"/>, only its first bytes.</param>
/// <param name="CrLf">True when the line ended with CR LF.</param>
/// <param name="Terminated">False for a last line without any line end (a truncated file ends so).</param>
/// <param name="Length">The line's length in bytes, CR and LF removed.</param>
/// <param name="TooLong">True when the line was longer than the reader holds: it was skipped, only its start kept.</param>
internal sealed record InputLine(int Number, byte[] Bytes, bool CrLf, bool Terminated, long Length, bool TooLong);
