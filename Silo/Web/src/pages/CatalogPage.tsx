import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, sendJson } from "../api/client";
import { count, dateTime } from "../format";
import { LineageDrawing } from "../catalog/LineageDrawing";
import type { Catalog, Dataset, DatasetDetail, Lineage } from "../catalog/types";

const dimensions = ["completeness", "validity", "accuracy", "consistency", "timeliness", "uniqueness", "integrity", "conformity"];

const score = (value: number | null | undefined) => (value == null ? "n/a" : value.toFixed(2));

// Every dataset one holds with its zone, quality and PII (docs/catalog.md); ?dataset=… shows one in full.
export function CatalogPage({ route }: PageProps) {
  const dataset = route.params.get("dataset");
  return dataset ? <DatasetView id={dataset} /> : <CatalogList />;
}

function CatalogList() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState("");
  const load = () => getJson<Catalog>("/api/v1/catalog").then(setCatalog, (e: Error) => setError(e.message));
  useEffect(() => { load(); }, []);
  const refresh = async () => {
    try { await sendJson("POST", "/api/v1/catalog/refresh"); await load(); } catch (e) { setError((e as Error).message); }
  };
  return (
    <>
      <h1>Catalog</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted" role="status">
        {catalog?.refreshedAt ? `Refreshed ${dateTime(catalog.refreshedAt)}` : "Not refreshed yet"}
        {catalog?.refreshPending ? "; a refresh is pending." : "."} <button type="button" onClick={refresh}>Refresh now</button>
      </p>
      {catalog && catalog.datasets.length === 0 && <p>No datasets yet: the catalog fills after an import.</p>}
      {catalog && catalog.datasets.length > 0 && (
        <table data-testid="datasets">
          <thead><tr><th>Dataset</th><th>Zone</th><th>Rows</th><th>Span</th><th>Quality (lowest)</th><th>PII</th></tr></thead>
          <tbody>{catalog.datasets.map((d) => <DatasetRow dataset={d} />)}</tbody>
        </table>
      )}
    </>
  );
}

function DatasetRow({ dataset }: { dataset: Dataset }) {
  const scores = Object.values(dataset.quality).filter((value): value is number => value != null);
  return (
    <tr data-dataset={dataset.id}>
      <td><a href={`/catalog?dataset=${encodeURIComponent(dataset.id)}`}>{dataset.id}</a></td>
      <td>{dataset.zone}</td>
      <td>{count(dataset.rows)}</td>
      <td>{dataset.firstAt ? `${dataset.firstAt.slice(0, 10)} – ${dataset.lastAt?.slice(0, 10)}` : ""}</td>
      <td>{scores.length ? score(Math.min(...scores)) : "n/a"}</td>
      <td>{Object.entries(dataset.pii).map(([kind, n]) => `${kind} ${n}`).join(", ")}</td>
    </tr>
  );
}

function DatasetView({ id }: { id: string }) {
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [lineage, setLineage] = useState<Lineage | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    getJson<DatasetDetail>(`/api/v1/catalog/${encodeURIComponent(id)}`).then((found) => {
      setDetail(found);
      if (found.sources.length > 0) getJson<Lineage>(`/api/v1/catalog/lineage?file=${found.sources[0].fileId}`).then(setLineage, () => undefined);
    }, (e: Error) => setError(e.message));
  }, [id]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!detail) return <p role="status">Loading…</p>;
  const d = detail.dataset;
  return (
    <>
      <p><a href="/catalog">Catalog</a></p>
      <h1>{d.id}</h1>
      <p class="muted">{d.zone}, {d.origin}: {count(d.rows)} rows from {count(d.files)} file(s); schema version {d.schemaVersion}</p>
      <h2>Quality</h2>
      <table data-testid="quality">
        <thead><tr><th>Dimension</th><th>Score</th><th>Failed / checked</th><th>Failing rows</th></tr></thead>
        <tbody>{detail.quality.map((q) => (
          <tr data-dimension={q.dimension}>
            <td title={q.measure}>{q.dimension}</td><td>{score(q.score)}</td><td>{count(q.failed)} / {count(q.checked)}</td>
            <td>{q.failingRows.slice(0, 3).map((row) => <div><code>{row.id}</code>: {row.reason}</div>)}</td>
          </tr>
        ))}</tbody>
      </table>
      {detail.trend.length > 1 && (
        <p class="muted">Trend (lowest score per refresh): {detail.trend.map((t) => score(Math.min(...dimensions.map((k) => t.scores[k] ?? 1)))).join(" → ")}</p>
      )}
      <h2>PII</h2>
      {detail.pii.length === 0 ? <p>None found in the sampled text.</p> : (
        <ul>{detail.pii.map((p) => <li>{p.kind} in <code>{p.field}</code>: {count(p.findings)} in {count(p.sampled)} sampled{p.note ? ` (${p.note})` : ""}</li>)}</ul>
      )}
      <h2>Schema</h2>
      <table>
        <thead><tr><th>Field</th><th>Type</th><th>Present</th><th>Examples</th></tr></thead>
        <tbody>{detail.fields.map((f) => <tr><td><code>{f.name}</code></td><td>{f.type}</td><td>{f.present}/{f.sampled}</td><td>{f.examples.join(" | ")}</td></tr>)}</tbody>
      </table>
      {detail.drift.length > 0 && <ul>{detail.drift.map((x) => <li>Unknown field <code>{x.fieldPath}</code> in {x.path}</li>)}</ul>}
      {lineage && (<><h2>Lineage of {detail.sources[0].path}</h2><LineageDrawing graph={lineage} /></>)}
    </>
  );
}
