namespace Linkage.Client.Import;

/// <summary>Raised inside an importer when a record cannot be taken; the message names the field and is reported, never thrown out.</summary>
internal sealed class RejectedInput(string reason) : Exception(reason);
