namespace Datapunk.Silo.Web;

/// <summary>
/// The dashboard as one self-contained page: inline CSS and vanilla JavaScript, no CDN (silos often
/// run where nothing outside is reachable). It polls /api/dashboard every 2 s.
/// </summary>
public static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Datapunk cluster</title>
<style>
  :root {
    --bg: #f5f6f8; --card: #ffffff; --text: #1d2330; --muted: #6b7385; --line: #e3e6ec;
    --ok: #1f9d55; --warn: #c77c02; --bad: #d2372c; --accent: #3b5bdb;
  }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--text); }
  header { display: flex; align-items: center; gap: 16px; padding: 14px 24px; background: #141a26; color: #fff; }
  header h1 { font-size: 18px; margin: 0; font-weight: 600; letter-spacing: .2px; }
  header .meta { color: #aab3c5; font-size: 13px; }
  header .spacer { flex: 1; }
  .pill { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
  .pill.live { background: #1f9d5522; color: #3ddc84; border: 1px solid #1f9d5566; }
  .pill.stale { background: #c77c0222; color: #f5b342; border: 1px solid #c77c0266; }
  .pill.down { background: #d2372c22; color: #ff7a70; border: 1px solid #d2372c66; }
  main { padding: 20px 24px 32px; max-width: 1400px; margin: 0 auto; }
  .banner { display: none; margin-bottom: 16px; padding: 10px 14px; border-radius: 8px; background: #fff4e0; border: 1px solid #f0c36d; color: #7a4b00; }
  .banner.bad { background: #fdecea; border-color: #f2a49d; color: #8a1c13; }
  .banner.show { display: block; }
  .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-bottom: 16px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
  .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
  .card .value { font-size: 26px; font-weight: 600; margin-top: 2px; font-variant-numeric: tabular-nums; }
  .card .sub { color: var(--muted); font-size: 12px; }
  section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px 16px; margin-bottom: 16px; }
  section h2 { font-size: 15px; margin: 0 0 10px; font-weight: 600; }
  section h2 .hint { color: var(--muted); font-weight: 400; font-size: 12px; margin-left: 8px; }
  .row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
  .row > section { margin-bottom: 16px; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  td { padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
  tr:last-child td { border-bottom: none; }
  th.num, td.num { text-align: right; }
  td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
  tr.unreachable td { background: #fdecea; }
  tr.ended td { color: var(--muted); }
  .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 8px; vertical-align: -1px; }
  .status { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px; }
  .status.active { background: #e6f6ed; color: var(--ok); }
  .status.dead { background: #fdecea; color: var(--bad); }
  .status.stopped { background: #eef0f4; color: var(--muted); }
  .error { color: var(--bad); font-size: 12px; }
  .muted { color: var(--muted); }
  .local { font-size: 11px; color: var(--accent); margin-left: 6px; font-weight: 600; }
  .grid { display: grid; grid-template-columns: repeat(32, 1fr); gap: 3px; }
  .cell { aspect-ratio: 1; border-radius: 3px; background: #dde1e8; }
  .cell.unowned { background: repeating-linear-gradient(45deg, #f3c5c1, #f3c5c1 3px, #fbe4e2 3px, #fbe4e2 6px); }
  .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 12px; font-size: 12.5px; }
  .legend span { white-space: nowrap; }
  .bar { position: relative; min-width: 90px; }
  .bar i { position: absolute; left: 0; top: 50%; height: 16px; margin-top: -8px; background: #3b5bdb22; border-radius: 3px; }
  .bar b { position: relative; font-weight: 400; }
  .empty { color: var(--muted); padding: 12px 8px; }
  footer { color: var(--muted); font-size: 12px; text-align: center; }
  @media (max-width: 1000px) { .cards { grid-template-columns: repeat(2, 1fr); } .row { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1>Datapunk cluster</h1>
  <span class="meta" id="cluster">connecting…</span>
  <span class="spacer"></span>
  <span class="meta" id="updated"></span>
  <span class="pill stale" id="freshness">waiting</span>
</header>
<main>
  <div class="banner" id="banner"></div>
  <div class="cards">
    <div class="card"><div class="label">Silos active</div><div class="value" id="silos-active">–</div><div class="sub" id="silos-sub">&nbsp;</div></div>
    <div class="card"><div class="label">Partitions owned</div><div class="value" id="partitions-owned">–</div><div class="sub" id="partitions-sub">&nbsp;</div></div>
    <div class="card"><div class="label">Activations</div><div class="value" id="activations">–</div><div class="sub" id="activations-sub">&nbsp;</div></div>
    <div class="card"><div class="label">Calls / s</div><div class="value" id="calls">–</div><div class="sub">last ~10 s</div></div>
    <div class="card"><div class="label">Error rate</div><div class="value" id="errors">–</div><div class="sub" id="errors-sub">&nbsp;</div></div>
  </div>
  <section>
    <h2>Silos</h2>
    <table>
      <thead><tr><th>Silo</th><th>Address</th><th>Status</th><th class="num">Uptime</th><th class="num">Partitions</th><th class="num">Activations</th><th class="num">Calls/s</th><th>Stats</th></tr></thead>
      <tbody id="silo-rows"><tr><td colspan="8" class="empty">Loading…</td></tr></tbody>
    </table>
  </section>
  <div class="row">
    <section>
      <h2>Partition ownership <span class="hint" id="partition-hint"></span></h2>
      <div class="grid" id="partition-grid"></div>
      <div class="legend" id="partition-legend"></div>
    </section>
    <section>
      <h2>Grain types <span class="hint">cluster-wide, last ~10 s</span></h2>
      <table>
        <thead><tr><th>Grain type</th><th class="num">Activations</th><th>Calls/s</th><th class="num">Error rate</th><th class="num">p50</th><th class="num">p99</th></tr></thead>
        <tbody id="grain-rows"><tr><td colspan="6" class="empty">Loading…</td></tr></tbody>
      </table>
    </section>
  </div>
  <footer>Refreshes every 2 s from <code>/api/dashboard</code>. Latency percentiles are interpolated inside histogram buckets, so they are exact to within one bucket.</footer>
</main>
<script>
"use strict";
const REFRESH_MS = 2000;
const STALE_AFTER_MS = 6000;
const SNAPSHOT_STALE_AFTER_MS = 5000;
let lastSuccess = 0;
let lastError = null;
let lastData = null;

function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "style") { Object.assign(node.style, value); } else { node[key] = value; }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) { node.append(child instanceof Node ? child : String(child)); }
  }
  return node;
}

// Distinct colours (Tableau 10) handed out as silos appear; a silo keeps its colour while the page is
// open, and a colour is reused only after its silo left. Past ten silos, hues come from the silo id.
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const colours = new Map();
function assignColours(activeSiloIds) {
  for (const siloId of [...colours.keys()]) {
    if (!activeSiloIds.includes(siloId)) { colours.delete(siloId); }
  }
  for (const siloId of activeSiloIds) {
    if (!colours.has(siloId)) {
      const used = new Set(colours.values());
      colours.set(siloId, PALETTE.find(colour => !used.has(colour)) || hashedColour(siloId));
    }
  }
}
function hashedColour(siloId) {
  let hash = 2166136261;
  for (let i = 0; i < siloId.length; i++) { hash = Math.imul(hash ^ siloId.charCodeAt(i), 16777619); }
  return `hsl(${(hash >>> 0) % 360}, 62%, 52%)`;
}
function siloColour(siloId) { return colours.get(siloId) || hashedColour(siloId); }

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
function rate(value) { return value === null || value === undefined ? "–" : value >= 100 ? integer.format(value) : value.toFixed(1); }
function percent(value) { return value === null || value === undefined ? "–" : (value * 100).toFixed(value < 0.01 && value > 0 ? 2 : 1) + " %"; }
function ms(value) { return value === null || value === undefined ? "–" : (value < 1 ? value.toFixed(2) : value < 10 ? value.toFixed(1) : integer.format(value)) + " ms"; }
function duration(seconds) {
  if (seconds === null || seconds === undefined) { return "–"; }
  const s = Math.floor(seconds), d = Math.floor(s / 86400), hr = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (d > 0) { return `${d}d ${hr}h`; }
  if (hr > 0) { return `${hr}h ${String(m).padStart(2, "0")}m`; }
  if (m > 0) { return `${m}m ${String(s % 60).padStart(2, "0")}s`; }
  return `${s}s`;
}
function setText(id, text) { document.getElementById(id).textContent = text; }

function renderSummary(data) {
  const active = data.silos.filter(s => s.status === "active");
  const unreachable = active.filter(s => s.reachable === false).length;
  setText("cluster", `${data.clusterId || "(no cluster yet)"} · reported by ${data.reportedBy}`);
  setText("silos-active", String(active.length));
  setText("silos-sub", unreachable > 0 ? `${unreachable} unreachable` : `${data.silos.length - active.length} ended in the last hour`);
  setText("partitions-owned", `${data.partitionCount - data.unownedPartitions} / ${data.partitionCount}`);
  setText("partitions-sub", data.unownedPartitions > 0 ? `${data.unownedPartitions} unowned` : "all owned");
  const activations = data.grainTypes.reduce((sum, g) => sum + g.activations, 0);
  const calls = data.grainTypes.reduce((sum, g) => sum + g.calls, 0);
  const failures = data.grainTypes.reduce((sum, g) => sum + g.failures, 0);
  setText("activations", integer.format(activations));
  setText("activations-sub", `${data.grainTypes.length} grain type${data.grainTypes.length === 1 ? "" : "s"}`);
  setText("calls", rate(data.grainTypes.reduce((sum, g) => sum + g.callsPerSecond, 0)));
  setText("errors", calls > 0 ? percent(failures / calls) : "–");
  setText("errors-sub", `${integer.format(failures)} of ${integer.format(calls)} calls`);
}

function renderSilos(data) {
  const activeFirst = [...data.silos].sort((a, b) => (a.status === "active" ? 0 : 1) - (b.status === "active" ? 0 : 1));
  const rows = activeFirst.map(s => {
    const ended = s.status !== "active";
    const stats = ended ? h("span", { className: "muted" }, "—")
      : s.reachable ? h("span", { className: "muted" }, s.isLocal ? "local" : "ok")
      : h("span", { className: "error", title: s.error || "" }, "unreachable: " + (s.error || "no answer"));
    return h("tr", { className: ended ? "ended" : s.reachable === false ? "unreachable" : "" },
      h("td", { className: "mono" }, h("span", { className: "swatch", style: { background: ended ? "#c5cad3" : siloColour(s.siloId) } }), s.siloId,
        s.isLocal ? h("span", { className: "local" }, "this silo") : null),
      h("td", { className: "mono" }, s.address),
      h("td", {}, h("span", { className: "status " + s.status }, s.status)),
      h("td", { className: "num" }, duration(s.uptimeSeconds)),
      h("td", { className: "num" }, String(s.ownedPartitions)),
      h("td", { className: "num" }, s.activations === null ? "–" : integer.format(s.activations)),
      h("td", { className: "num" }, rate(s.callsPerSecond)),
      h("td", {}, stats));
  });
  document.getElementById("silo-rows").replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colSpan: 8, className: "empty" }, "No silos yet: this silo has not completed its first cluster round."))]));
}

function renderPartitions(data) {
  const counts = new Map();
  const cells = data.partitionOwners.map((owner, partition) => {
    if (owner) { counts.set(owner, (counts.get(owner) || 0) + 1); }
    return h("div", {
      className: owner ? "cell" : "cell unowned",
      title: `partition ${partition}: ${owner || "unowned"}`,
      style: owner ? { background: siloColour(owner) } : {},
    });
  });
  document.getElementById("partition-grid").replaceChildren(...cells);
  setText("partition-hint", `${data.partitionCount} partitions, one cell each`);
  const legend = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]))
    .map(([owner, count]) => h("span", {}, h("span", { className: "swatch", style: { background: siloColour(owner) } }), `${owner} (${count})`));
  if (data.unownedPartitions > 0) {
    legend.push(h("span", {}, h("span", { className: "swatch cell unowned", style: { display: "inline-block" } }), `unowned (${data.unownedPartitions})`));
  }
  document.getElementById("partition-legend").replaceChildren(...legend);
}

function renderGrainTypes(data) {
  const busiest = Math.max(1e-9, ...data.grainTypes.map(g => g.callsPerSecond));
  const rows = data.grainTypes.map(g => h("tr", {},
    h("td", { className: "mono" }, g.grainType),
    h("td", { className: "num" }, integer.format(g.activations)),
    h("td", { className: "bar" }, h("i", { style: { width: `${Math.round(100 * g.callsPerSecond / busiest)}%` } }), h("b", {}, rate(g.callsPerSecond))),
    h("td", { className: "num", style: { color: g.errorRate > 0 ? "var(--bad)" : "" } }, percent(g.errorRate)),
    h("td", { className: "num" }, ms(g.p50Ms)),
    h("td", { className: "num" }, ms(g.p99Ms))));
  document.getElementById("grain-rows").replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colSpan: 6, className: "empty" }, "No grain activity yet."))]));
}

function renderFreshness() {
  const pill = document.getElementById("freshness");
  const banner = document.getElementById("banner");
  const age = lastSuccess ? Date.now() - lastSuccess : Infinity;
  const problems = [];
  let level = "live";
  if (age > STALE_AFTER_MS) {
    level = lastSuccess ? "stale" : "down";
    problems.push(lastSuccess
      ? `Data is stale: the last successful refresh was ${Math.round(age / 1000)} s ago${lastError ? ` (${lastError})` : ""}.`
      : `Cannot load /api/dashboard${lastError ? `: ${lastError}` : ""}.`);
  } else if (lastData) {
    // generatedAt is the silo's clock, readAt the database's: on one machine (or with NTP) they agree well within the 5 s.
    const snapshotAge = lastData.readAt ? Date.parse(lastData.generatedAt) - Date.parse(lastData.readAt) : Infinity;
    if (snapshotAge > SNAPSHOT_STALE_AFTER_MS) {
      level = "stale";
      problems.push(lastData.readAt
        ? `The silo's view of the cluster is ${Math.round(snapshotAge / 1000)} s old: it may have lost contact with the database.`
        : "The silo has not joined the cluster yet.");
    }
    const unreachable = lastData.silos.filter(s => s.reachable === false);
    if (unreachable.length) {
      problems.push(`Unreachable: ${unreachable.map(s => `${s.siloId} (${s.error || "no answer"})`).join(", ")}. Their load is missing from the totals.`);
    }
  }
  pill.className = "pill " + level;
  pill.textContent = level === "live" ? "live" : level === "stale" ? "stale" : "unreachable";
  setText("updated", lastSuccess ? `updated ${new Date(lastSuccess).toLocaleTimeString()}` : "");
  banner.className = "banner" + (problems.length ? " show" : "") + (level === "down" ? " bad" : "");
  banner.textContent = problems.join(" ");
}

async function refresh() {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REFRESH_MS);
  try {
    const response = await fetch("/api/dashboard", { cache: "no-store", signal: abort.signal });
    if (!response.ok) { throw new Error(`HTTP ${response.status}`); }
    const data = await response.json();
    lastData = data;
    lastSuccess = Date.now();
    lastError = null;
    assignColours(data.silos.filter(s => s.status === "active").map(s => s.siloId).sort());
    renderSummary(data);
    renderSilos(data);
    renderPartitions(data);
    renderGrainTypes(data);
  } catch (error) {
    lastError = error.name === "AbortError" ? "request timed out" : (error.message || String(error));
  } finally {
    clearTimeout(timer);
    renderFreshness();
    setTimeout(refresh, REFRESH_MS);
  }
}

setInterval(renderFreshness, 1000);
refresh();
</script>
</body>
</html>
""";
}
