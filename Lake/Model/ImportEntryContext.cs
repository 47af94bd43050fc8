namespace Datapunk.Lake.Model;

/// <summary>The entry a chunk belongs to: its row in <c>imports.files</c> is the provenance of every record it holds.</summary>
internal sealed record ImportEntryContext(ImportRunContext Run, long FileId, string EntryKey, string FormatId);
