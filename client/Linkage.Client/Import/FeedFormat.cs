using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>The file formats an operator can hand to the importer.</summary>
public enum FeedFormat
{
    /// <summary>events-v1 NDJSON as it is (parsed by <c>Linkage.Feeds.FeedLineParser</c>, not by this namespace).</summary>
    Ndjson,

    /// <summary>UKE receipt files (レセプト電算処理システム), Shift_JIS: medical, dental and pharmacy.</summary>
    Uke,

    /// <summary>FHIR R4 bulk data NDJSON (<c>$export</c> layout: one resource type per file).</summary>
    Fhir,

    /// <summary>Death certificates (死亡診断書) as CSV, see docs/formats.md.</summary>
    DeathCsv,

    /// <summary>Maternal-child health handbook (母子健康手帳) entries as CSV, see docs/formats.md.</summary>
    MaternalCsv,
}
