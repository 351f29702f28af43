namespace Linkage.Client.Import.Uke;

/// <summary>One line of a UKE file as bytes, before decoding, without its line end.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Bytes">The line's bytes, CR and LF removed.</param>
/// <param name="CrLf">True when the line ended with CR LF, as the spec requires.</param>
/// <param name="Terminated">False for a last line without any line end (a truncated file ends so).</param>
internal sealed record UkeRawLine(int Number, byte[] Bytes, bool CrLf, bool Terminated);
