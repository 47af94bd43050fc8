import { useEffect, useRef, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, query } from "../api/client";
import { addDays, browserZone, today } from "../format";

interface Metric { name: string; unit: string; description: string; needsKind: boolean }
interface Series { metric: string; unit: string; days: { date: string; value: number | null }[] }

const kinds = ["place_visits", "emails", "spotify_plays", "youtube_watches", "google_searches", "calendar_events", "photos"];

// Daily series (steps, distance, places, listening, watching, mail…) for up to a year, as a uPlot chart.
export function StatsPage({ me }: PageProps) {
  const zone = me.timeZone || browserZone;
  const [metrics, setMetrics] = useState<Metric[]>([]);
  const [metric, setMetric] = useState("location_fixes");
  const [kind, setKind] = useState("emails");
  const [to, setTo] = useState(today());
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState("");
  const chart = useRef<HTMLDivElement>(null);
  const from = addDays(to, -365);
  const chosen = metrics.find((m) => m.name === metric);

  useEffect(() => { getJson<Metric[]>("/api/v1/stats/metrics").then(setMetrics, (e: Error) => setError(e.message)); }, []);
  useEffect(() => {
    // An answer to an earlier choice that arrives late must not replace the current one.
    let stale = false;
    setError("");
    getJson<Series>(`/api/v1/stats/daily${query({ metric, kind: chosen?.needsKind ? kind : undefined, from, to, tz: zone })}`)
      .then((answer) => !stale && setSeries(answer), (e: Error) => !stale && setError(e.message));
    return () => { stale = true; };
  }, [metric, kind, to, chosen?.needsKind]);

  useEffect(() => {
    if (!series || !chart.current) return;
    const element = chart.current;
    let plot: { destroy(): void } | null = null;
    import("../charts/dailyChart").then(({ dailyChart }) => {
      element.replaceChildren();
      plot = dailyChart(element, series.days, `${series.metric} (${series.unit})`);
    });
    return () => plot?.destroy();
  }, [series]);

  const total = series?.days.reduce((sum, d) => sum + (d.value ?? 0), 0) ?? 0;
  return (
    <>
      <h1>Stats</h1>
      <div class="row">
        <label class="inline">Measure
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
            {metrics.map((m) => <option value={m.name}>{m.name.replace(/_/g, " ")} ({m.unit})</option>)}
          </select>
        </label>
        {chosen?.needsKind && (
          <label class="inline">Kind <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>{kinds.map((k) => <option value={k}>{k.replace(/_/g, " ")}</option>)}</select></label>
        )}
        <label class="inline">Year ending <input type="date" value={to} onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} /></label>
      </div>
      {chosen && <p class="muted">{chosen.description}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <div ref={chart} role="img" aria-label={`Daily ${metric} from ${from} to ${to}; total ${Math.round(total)}`} data-testid="chart" />
      {series && <p>Total over the year: {Math.round(total).toLocaleString()} {series.unit}.</p>}
    </>
  );
}
