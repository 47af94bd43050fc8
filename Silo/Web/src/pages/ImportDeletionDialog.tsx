import { useEffect, useRef, useState } from "preact/hooks";
import { deleteImport, type ImportDeletion } from "../api/imports";
import { count, kindLabel } from "../format";

// Deleting an import: the server's dry run is shown first (what goes, what stays, what is read again),
// and only the confirmation deletes. Files whose copies could not be restored need an explicit tick.
export function ImportDeletionDialog({ importId, onClose }: { importId: string; onClose: (deleted: ImportDeletion | null) => void }) {
  const [preview, setPreview] = useState<ImportDeletion | null>(null);
  const [error, setError] = useState("");
  const [acceptLoss, setAcceptLoss] = useState(false);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => { dialog.current?.showModal(); }, []);
  useEffect(() => { deleteImport(importId, { dryRun: true }).then(setPreview, (e: Error) => setError(e.message)); }, [importId]);

  const lost = preview?.overlapping.filter((o) => !o.rereadable) ?? [];
  async function confirm() {
    setBusy(true);
    setError("");
    try {
      onClose(await deleteImport(importId, { acceptLoss }));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="panel confirm" aria-label="Delete import" data-testid="delete-import" onCancel={(e) => { e.preventDefault(); if (!busy) onClose(null); }}>
      <h2>Delete this import?</h2>
      {!preview && !error && <p>Working out what would go…</p>}
      {preview && (
        <>
          <p>This deletes what was stored from {preview.files.length === 1 ? "its file" : `its ${count(preview.files.length)} files`}:</p>
          <ul data-testid="delete-records">
            {Object.entries(preview.records).map(([kind, n]) => <li>{kindLabel(kind)}: {count(n)}</li>)}
            <li>search vectors (embeddings): {count(preview.embeddings)}</li>
          </ul>
          {preview.totalRecords === 0 && <p>Nothing stored from it is left.</p>}
          {preview.overlapping.filter((o) => o.rereadable).map((o) => (
            <p>{o.path} (another import) holds up to {count(o.sharedRecords)} of the same records: its kept original is read again, so they stay.</p>
          ))}
          {lost.length > 0 && (
            <div class="error">
              {lost.map((o) => <p>{o.path} holds up to {count(o.sharedRecords)} of the same records, which would be lost: {o.reason}.</p>)}
              <label class="inline"><input type="checkbox" checked={acceptLoss} onChange={(e) => setAcceptLoss(e.currentTarget.checked)} /> Delete them too</label>
            </div>
          )}
          {preview.keptOriginals.length > 0 && <p>The kept original{preview.keptOriginals.length > 1 ? "s stay" : " stays"}; delete {preview.keptOriginals.length > 1 ? "them" : "it"} from the uploads separately.</p>}
          {preview.models.map((m) => <p>Model {m.kind} v{m.version} ({m.status}) was trained with some of this data; it stays until it is trained again.</p>)}
        </>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="button" class="danger" disabled={!preview || busy || (lost.length > 0 && !acceptLoss)} onClick={confirm}>Delete</button>{" "}
      <button type="button" disabled={busy} onClick={() => onClose(null)}>Keep it</button>
    </dialog>
  );
}
