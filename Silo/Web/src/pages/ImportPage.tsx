import { useEffect, useRef, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { upload, type UploadProgress } from "../api/uploads";
import { cancelImport, finished, follow, importFiles, listImports, startImport, type ImportDeletion, type ImportFileReport, type ImportProgress } from "../api/imports";
import { ImportDeletionDialog } from "./ImportDeletionDialog";
import { bytes, count, dateTime, kindLabel } from "../format";

interface Sending { name: string; sent: number; total: number; retrying?: UploadProgress["retrying"]; error?: string }

// Drop archive parts (or choose them), upload each resumably, start one import of them all and
// follow its progress as the server pushes it.
export function ImportPage(_: PageProps) {
  const [sending, setSending] = useState<Sending[]>([]);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [files, setFiles] = useState<ImportFileReport[]>([]);
  const [history, setHistory] = useState<ImportProgress[]>([]);
  const [error, setError] = useState("");
  const [over, setOver] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<ImportDeletion | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const following = useRef<AbortController | null>(null);

  const refreshHistory = () => listImports().then(setHistory, (e: Error) => setError(e.message));
  useEffect(() => { refreshHistory(); return () => following.current?.abort(); }, []);

  async function run(chosen: File[]) {
    if (!chosen.length) return;
    setError("");
    setProgress(null);
    setFiles([]);
    const state: Sending[] = chosen.map((f) => ({ name: f.name, sent: 0, total: f.size }));
    setSending([...state]);
    const ids: string[] = [];
    for (let i = 0; i < chosen.length; i++) {
      try {
        ids.push(await upload(chosen[i], (p) => { state[i] = { ...state[i], ...p }; setSending([...state]); }));
      } catch (e) {
        state[i] = { ...state[i], error: (e as Error).message };
        setSending([...state]);
      }
    }
    if (!ids.length) return setError("No file was uploaded: nothing to import.");
    try {
      const started = await startImport(ids);
      setProgress(started);
      await watch(started.importId);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function watch(id: string) {
    following.current?.abort();
    const abort = new AbortController();
    following.current = abort;
    await follow(id, setProgress, abort.signal).catch((e: Error) => !abort.signal.aborted && setError(e.message));
    if (abort.signal.aborted) return;
    setFiles(await importFiles(id).catch(() => []));
    refreshHistory();
  }

  return (
    <>
      <h1>Import</h1>
      <div
        class={`drop${over ? " over" : ""}`}
        data-testid="drop-zone"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); run([...(e.dataTransfer?.files ?? [])]); }}
      >
        <p>Drop Google Takeout parts or other exports here (zip, tgz or single files), or</p>
        <label class="inline">
          <span>choose files</span>
          <input ref={input} type="file" multiple onChange={(e) => run([...(e.currentTarget.files ?? [])])} />
        </label>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {sending.length > 0 && (
        <section aria-label="Uploads">
          <h2>Uploading</h2>
          {sending.map((s) => (
            <div class="panel">
              <label>{s.name} — {bytes(s.sent)} of {bytes(s.total)}
                <progress max={s.total || 1} value={s.sent} />
              </label>
              {s.retrying && !s.error && <p class="muted" role="status" data-testid="upload-retrying">Sending again ({s.retrying.attempt} of {s.retrying.of}): {s.retrying.reason}.</p>}
              {s.error && <p class="error">{s.error}</p>}
            </div>
          ))}
        </section>
      )}
      {progress && <Progress progress={progress} files={files} onCancel={() => cancelImport(progress.importId).then(setProgress, (e: Error) => setError(e.message))} />}
      <h2>Your imports</h2>
      {deleting && <ImportDeletionDialog importId={deleting} onClose={(done) => { setDeleting(null); if (done) { setDeleted(done); refreshHistory(); } }} />}
      {deleted && (
        <p role="status" data-testid="import-deleted">
          Deleted {count(deleted.totalRecords)} records and {count(deleted.embeddings)} search vectors of import {deleted.importId}.
          {deleted.rereadImportId && " Other exports holding the same records are being read again, so their copies stay."}
        </p>
      )}
      <div class="scroll">
        <table>
          <thead><tr><th>Started</th><th>State</th><th>Files</th><th>Records</th><th>Files imported</th><th></th></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td>{dateTime(h.createdAt)}</td>
                <td>{h.status}</td>
                <td>{h.paths.join(", ")}</td>
                <td>{count(Object.values(h.records).reduce((a, b) => a + b, 0))}</td>
                <td>{count(h.files.imported)}{h.files.failed ? `, ${count(h.files.failed)} failed` : ""}</td>
                <td>{finished(h.status) && <button type="button" class="danger" onClick={() => { setDeleted(null); setDeleting(h.importId); }}>Delete…</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {history.length === 0 && <p class="muted">No imports yet.</p>}
      </div>
    </>
  );
}

function Progress({ progress, files, onCancel }: { progress: ImportProgress; files: ImportFileReport[]; onCancel: () => void }) {
  const done = finished(progress.status);
  const total = Object.values(progress.records).reduce((a, b) => a + b, 0);
  return (
    <section class="panel" aria-live="polite" aria-label="Import progress" data-testid="import-progress" data-status={progress.status}>
      <h2>Import: <span>{progress.status}</span></h2>
      <label>
        {progress.bytesTotal ? `${bytes(progress.bytesDone)} of ${bytes(progress.bytesTotal)}` : done ? "Finished" : "Reading…"}
        <progress max={progress.bytesTotal || 1} value={done ? progress.bytesTotal || 1 : progress.bytesDone} />
      </label>
      <p>{count(total)} records stored, {count(progress.duplicates)} already there. Files: {count(progress.files.done)}{progress.files.total !== null ? ` of ${count(progress.files.total)}` : ""} done.
        {progress.currentFile && !done && <> Now reading <code>{progress.currentFile}</code>.</>}
        {progress.etaSeconds && !done ? ` About ${Math.ceil(progress.etaSeconds)} s left.` : ""}
      </p>
      {Object.keys(progress.records).length > 0 && (
        <ul>{Object.entries(progress.records).filter(([, n]) => n > 0).map(([kind, n]) => <li>{kindLabel(kind)}: {count(n)}</li>)}</ul>
      )}
      {progress.errors.length > 0 && (
        <>
          <h3>Problems</h3>
          <ul class="error">{progress.errors.map((e) => <li><code>{e.file}</code>: {e.message}</li>)}</ul>
        </>
      )}
      {progress.message && <p>{progress.message}</p>}
      {!done && <button type="button" class="danger" onClick={onCancel}>Cancel import</button>}
      {done && files.length > 0 && (
        <details>
          <summary>Every file ({files.length})</summary>
          <div class="scroll"><table>
            <thead><tr><th>File</th><th>Status</th><th>Format</th><th>Stored</th><th>Note</th></tr></thead>
            <tbody>{files.map((f) => <tr><td>{f.file}</td><td>{f.status}</td><td>{f.formatId}</td><td>{count(f.recordsStored)}</td><td>{f.message}</td></tr>)}</tbody>
          </table></div>
        </details>
      )}
    </section>
  );
}
