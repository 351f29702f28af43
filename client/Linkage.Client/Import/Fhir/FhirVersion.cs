using System.Globalization;
using Hl7.Fhir.Model;

namespace Linkage.Client.Import.Fhir;

/// <summary>The events-v1 version of a resource: its numeric <c>meta.versionId</c>, else 1.</summary>
/// <remarks>A re-exported resource with a higher versionId then replaces the earlier event, as a correction should.</remarks>
internal static class FhirVersion
{
    public static int Of(Resource resource) =>
        int.TryParse(resource.Meta?.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1 ? version : 1;
}
