import { useEffect, useRef, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { deleteSql, hasModelServer, isFailure, runSql, writeSql, savedSql, saveSql, sqlHistory, type SavedSql, type SqlFailure, type SqlHistoryEntry, type SqlResult, type SqlValue } from "../api/sql";
import { dateTime } from "../format";

const example = "SELECT kind, count(*) AS records FROM records GROUP BY kind ORDER BY records DESC";
const numericTypes = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid"]);
const timeTypes = new Set(["timestamptz", "timestamp", "date"]);

// Read-only SQL over one's own data (docs/catalog.md, "SQL workbench"): an editor, the result as a grid,
// a chart of a numeric column, the plan, the history and saved queries. Text is masked unless unmasked.
export function SqlPage({ me }: PageProps) {
  const [sql, setSql] = useState(example);
  const [limit, setLimit] = useState(1000);
  const [unmasked, setUnmasked] = useState(false);
  const [result, setResult] = useState<SqlResult | null>(null);
  const [plan, setPlan] = useState<string | null>(null);
  const [failure, setFailure] = useState<SqlFailure | null>(null);
  const [error, setError] = useState("");
  const [running, setRunning] = useState(false);
  const [history, setHistory] = useState<SqlHistoryEntry[]>([]);
  const [saved, setSaved] = useState<SavedSql[]>([]);
  const [name, setName] = useState("");
  const editor = useRef<HTMLTextAreaElement>(null);
  const [canAsk, setCanAsk] = useState(false);
  const [question, setQuestion] = useState("");
  const [written, setWritten] = useState("");

  const reload = () => Promise.all([sqlHistory().then(setHistory), savedSql().then(setSaved)]).catch((e: Error) => setError(e.message));
  useEffect(() => { reload(); hasModelServer().then(setCanAsk, () => setCanAsk(false)); }, []);

  async function ask(event: Event) {
    event.preventDefault();
    setError("");
    setWritten("");
    setRunning(true);
    try {
      const query = await writeSql(question);
      setSql(query.sql);
      setWritten(query.explanation ?? "The model wrote the query above.");
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  async function run(explain: boolean) {
    setRunning(true);
    setError("");
    setFailure(null);
    try {
      if (explain) {
        const answer = await runSql<{ plan: unknown }>("/api/v1/sql/explain", { sql });
        if (isFailure(answer)) showFailure(answer);
        else setPlan(JSON.stringify(answer.plan, null, 2));
      } else {
        const answer = await runSql<SqlResult>("/api/v1/sql", { sql, limit, unmasked });
        if (isFailure(answer)) showFailure(answer);
        else { setResult(answer); setPlan(null); }
        reload();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  function showFailure(answer: SqlFailure) {
    setFailure(answer);
    const text = editor.current;
    if (answer.position && text) {
      // The position counts characters of the SQL as sent, trimmed at its start.
      const start = sql.length - sql.trimStart().length + answer.position - 1;
      text.focus();
      text.setSelectionRange(start, start + 1);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    try { await saveSql(name, sql); setName(""); await reload(); } catch (e) { setError((e as Error).message); }
  }

  return (
    <>
      <h1>SQL</h1>
      <p class="muted">One read-only query over your own data: <code>records</code>, <code>fixes</code>, <code>places</code>, <code>files</code>,
        a view per kind (<code>emails</code>, <code>notes</code>, <code>plays</code>, …) and your uploaded tables by name. At most 5 s and 10,000 rows.</p>
      {canAsk && (
        <form class="row" onSubmit={ask}>
          <label class="inline">Ask in words <input type="text" value={question} maxLength={500} placeholder="Which artists did I play most in 2019?"
            onInput={(e) => setQuestion(e.currentTarget.value)} /></label>
          <button type="submit" disabled={running || !question.trim()}>Write the query</button>
        </form>
      )}
      {written && <p role="status" data-testid="sql-written">{written} Read it, then run it.</p>}
      <textarea ref={editor} class="sql" aria-label="SQL" data-testid="sql-editor" rows={8} spellcheck={false} value={sql}
        onInput={(e) => setSql(e.currentTarget.value)}
        onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(false); } }} />
      <div class="row">
        <button class="primary" type="button" disabled={running} onClick={() => run(false)}>Run</button>
        <button type="button" disabled={running} onClick={() => run(true)}>Explain</button>
        <label class="inline">Rows <input type="number" min={1} max={10000} value={limit} onInput={(e) => setLimit(Number(e.currentTarget.value) || 1000)} /></label>
        <label class="inline"><input type="checkbox" checked={unmasked} onChange={(e) => setUnmasked(e.currentTarget.checked)} /> show personal identifiers unmasked</label>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {failure && <p class="error" role="alert" data-testid="sql-error">{failure.message}{failure.position ? ` (at character ${failure.position})` : ""}{failure.hint ? `. ${failure.hint}` : ""}</p>}
      {plan && <pre class="panel scroll" data-testid="sql-plan">{plan}</pre>}
      {result && !plan && <ResultView result={result} />}
      <div class="row">
        <section class="panel" aria-label="Saved queries">
          <h2>Saved</h2>
          <form class="row" onSubmit={save}>
            <input type="text" aria-label="Name" placeholder="name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
            <button type="submit">Save this query</button>
          </form>
          <ul>{saved.map((query) => (
            <li>
              <a href="#" onClick={(e) => { e.preventDefault(); setSql(query.sql); }}>{query.name}</a>{" "}
              <button type="button" class="danger" aria-label={`Delete ${query.name}`} onClick={() => deleteSql(query.id).then(reload, (e: Error) => setError(e.message))}>Delete</button>
            </li>))}
          </ul>
        </section>
        <section class="panel" aria-label="History">
          <h2>History</h2>
          <ol class="entries">{history.map((entry) => (
            <li>
              <a href="#" onClick={(e) => { e.preventDefault(); setSql(entry.sql); }}><code>{entry.sql.length > 80 ? `${entry.sql.slice(0, 79)}…` : entry.sql}</code></a>
              <span class="time"> {dateTime(entry.ranAt, me.timeZone || undefined)}</span>
              <span class="muted"> {entry.error ? `failed: ${entry.error}` : `${entry.rowCount} rows, ${entry.elapsedMs} ms${entry.cached ? ", cached" : ""}`}</span>
            </li>))}
          </ol>
        </section>
      </div>
    </>
  );
}

function ResultView({ result }: { result: SqlResult }) {
  const numeric = result.columns.map((c, i) => ({ ...c, index: i })).filter((c) => numericTypes.has(c.type));
  const [chartColumn, setChartColumn] = useState<number>(-1);
  const [bars, setBars] = useState(true);
  const chart = useRef<HTMLDivElement>(null);
  useEffect(() => setChartColumn(numeric.length > 0 ? numeric[numeric.length - 1].index : -1), [result]);

  useEffect(() => {
    const element = chart.current;
    if (!element || chartColumn < 0) return;
    const timeColumn = result.columns.findIndex((c) => timeTypes.has(c.type));
    const xs = result.rows.map((row, i) => (timeColumn >= 0 && typeof row[timeColumn] === "string" ? Date.parse(row[timeColumn] as string) / 1000 : i + 1));
    const ys = result.rows.map((row) => (typeof row[chartColumn] === "number" ? (row[chartColumn] as number) : null));
    let plot: { destroy(): void } | null = null;
    let stale = false;
    import("../charts/columnChart").then(({ columnChart }) => {
      if (stale) return;
      element.replaceChildren();
      plot = columnChart(element, xs, ys, result.columns[chartColumn].name, bars, timeColumn >= 0);
    });
    return () => { stale = true; plot?.destroy(); };
  }, [result, chartColumn, bars]);

  return (
    <section aria-label="Result">
      <p role="status" class="muted" data-testid="sql-status">
        {result.rows.length === 1 ? "1 row" : `${result.rows.length.toLocaleString()} rows`}{result.truncated ? ", cut at the limit" : ""}
        {` in ${result.elapsedMs} ms`}{result.cached ? " (from the cache)" : ""}
      </p>
      {numeric.length > 0 && (
        <div class="row">
          <label class="inline">Chart <select value={chartColumn} onChange={(e) => setChartColumn(Number(e.currentTarget.value))}>
            <option value={-1}>none</option>
            {numeric.map((c) => <option value={c.index}>{c.name}</option>)}
          </select></label>
          <label class="inline"><input type="checkbox" checked={bars} onChange={(e) => setBars(e.currentTarget.checked)} /> bars</label>
        </div>
      )}
      {chartColumn >= 0 && <div ref={chart} role="img" aria-label={`Chart of ${result.columns[chartColumn]?.name}`} data-testid="sql-chart" />}
      <div class="scroll">
        <table data-testid="sql-result">
          <thead><tr>{result.columns.map((c) => <th title={c.type}>{c.name}</th>)}</tr></thead>
          <tbody>{result.rows.map((row) => <tr>{row.map((value, i) => <td class={numericTypes.has(result.columns[i].type) ? "number" : undefined}>{show(value)}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

function show(value: SqlValue): string {
  return value === null ? "NULL" : String(value);
}
