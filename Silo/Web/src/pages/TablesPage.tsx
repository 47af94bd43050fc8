import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import {
  columnTypes, deleteTable, listTables, previewTable, showTable, storeTable,
  type Corrections, type TablePreview, type UserTable, type UserTableRows,
} from "../api/tables";
import { dateTime } from "../format";

const noCorrections: Corrections = { types: {}, renames: {}, skip: [] };

/** A file's name as a table name: "Bank Export 2024.csv" -> "bank_export_2024". */
function tableName(fileName: string): string {
  const name = fileName.replace(/\.[^.]*$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return !name ? "table" : /^[0-9]/.test(name) ? `_${name}` : name.slice(0, 63);
}

// One's own tables: choose a file, see the inferred columns and first rows, correct types and names, store; list, show and delete.
// ?table=NAME&row=N (a search result) opens a table at that row and marks it.
export function TablesPage({ route }: PageProps) {
  const linkedTable = route.params.get("table");
  const linkedRow = Number(route.params.get("row") ?? "0");
  const [tables, setTables] = useState<UserTable[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [replace, setReplace] = useState(false);
  const [corrections, setCorrections] = useState<Corrections>(noCorrections);
  const [preview, setPreview] = useState<TablePreview | null>(null);
  const [shown, setShown] = useState<UserTableRows | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const load = () => listTables().then(setTables, (e: Error) => setError(e.message));
  useEffect(() => { load(); }, []);
  useEffect(() => {
    if (linkedTable) run(() => showTable(linkedTable, Math.max(0, linkedRow - 1))).then((page) => setShown(page ?? null));
  }, [linkedTable, linkedRow]);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setError("");
    setBusy(true);
    try {
      return await work();
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setStatus("");
    setCorrections(noCorrections);
    if (!chosen) return;
    setName(tableName(chosen.name));
    setPreview((await run(() => previewTable(chosen, noCorrections))) ?? null);
  }

  async function correct(next: Corrections) {
    setCorrections(next);
    if (file) setPreview((await run(() => previewTable(file, next))) ?? null);
  }

  async function store(event: Event) {
    event.preventDefault();
    if (!file) return;
    const stored = await run(() => storeTable(file, name, corrections, replace));
    if (stored) {
      setStatus(`Stored table ${stored.name}: ${stored.rowCount.toLocaleString()} rows.`);
      setPreview(null);
      setFile(null);
      await load();
    }
  }

  // Columns are corrected by the name inference gave them, which the preview shows until renamed.
  const inferred = (index: number) => Object.keys(corrections.renames).find((column) => corrections.renames[column] === preview?.columns[index].name) ?? preview?.columns[index].name ?? "";

  return (
    <>
      <h1>Tables</h1>
      <p>Upload your own tables (CSV, JSON, JSON Lines, Parquet, Excel): check the column types, correct them, and store the table under a name.</p>
      {error && <p class="error" role="alert">{error}</p>}
      {status && <p role="status">{status}</p>}
      <form class="panel" onSubmit={store}>
        <label>File <input type="file" accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet,.xlsx,.xls" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} /></label>
        {preview && (
          <>
            <p class="muted" data-testid="detected">
              {preview.format}{preview.delimiter ? `, delimiter ${preview.delimiter}` : ""}{preview.encoding ? `, ${preview.encoding}` : ""}{preview.sheet ? `, sheet ${preview.sheet}` : ""}; types inferred from {preview.sampledRows.toLocaleString()} rows
            </p>
            <div class="scroll">
              <table>
                <thead>
                  <tr>{preview.columns.map((column, index) => (
                    <th title={column.source}>
                      <input type="text" aria-label={`Name of ${column.source}`} value={column.name}
                        onChange={(e) => correct({ ...corrections, renames: { ...corrections.renames, [inferred(index)]: e.currentTarget.value } })} />
                      <select aria-label={`Type of ${column.source}`} value={column.type}
                        onChange={(e) => correct({ ...corrections, types: { ...corrections.types, [inferred(index)]: e.currentTarget.value } })}>
                        {columnTypes.map((type) => <option>{type}</option>)}
                      </select>
                      <button type="button" aria-label={`Skip ${column.source}`} onClick={() => correct({ ...corrections, skip: [...corrections.skip, inferred(index)] })}>Skip</button>
                    </th>
                  ))}</tr>
                </thead>
                <tbody>{preview.rows.map((row) => <tr>{row.map((cell) => <td>{cell ?? ""}</td>)}</tr>)}</tbody>
              </table>
            </div>
            <div class="row">
              <label class="inline">Table name <input type="text" value={name} required pattern="[a-z_][a-z0-9_]{0,62}" onInput={(e) => setName(e.currentTarget.value)} /></label>
              <label class="inline"><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} /> Replace a table of this name</label>
              <button class="primary" type="submit" disabled={busy}>Store table</button>
            </div>
          </>
        )}
      </form>
      <div class="scroll">
        <table>
          <thead><tr><th>Name</th><th>Rows</th><th>Columns</th><th>File</th><th>Updated</th><th></th></tr></thead>
          <tbody>
            {tables.map((t) => (
              <tr>
                <td><button type="button" class="link" onClick={() => run(() => showTable(t.name)).then((page) => setShown(page ?? null))}>{t.name}</button></td>
                <td>{t.rowCount.toLocaleString()}</td>
                <td>{t.columns.map((c) => `${c.name} ${c.type}`).join(", ")}</td>
                <td>{t.fileName}</td>
                <td>{dateTime(t.updatedAt)}</td>
                <td><button type="button" class="danger" aria-label={`Delete ${t.name}`} onClick={() => run(() => deleteTable(t.name)).then(() => { setShown(null); load(); })}>Delete</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && (
        <section class="panel" aria-label={`Table ${shown.table.name}`}>
          <h2>{shown.table.name}</h2>
          <div class="scroll">
            <table>
              <thead><tr>{shown.table.columns.map((c) => <th title={c.source}>{c.name}</th>)}</tr></thead>
              <tbody>{shown.rows.map((row, i) => <tr class={shown.offset + i + 1 === linkedRow && shown.table.name === linkedTable ? "marked" : undefined} aria-current={shown.offset + i + 1 === linkedRow && shown.table.name === linkedTable ? "true" : undefined}>{shown.table.columns.map((c) => <td>{row[c.name] === null || row[c.name] === undefined ? "" : String(row[c.name])}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
