import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { arrivedWithin, useArrivals } from "../api/arrivals";
import { mapPoints, startOfDay, timeline, type TimelineEntry } from "../api/reading";
import { addDays, browserZone, clock, count, kindLabel, today } from "../format";
import { navigate } from "../router";
import { MapView } from "../map/MapView";
import { RemovedBadge } from "../components/RemovedBadge";
import { collection, emptyData, line, point, type MapData } from "../map/layers";

// A day or a week of records of every kind in time order, in the user's zone, beside a map of the
// same span's fixes; choosing an entry centres the map on it.
export function TimelinePage({ route, me }: PageProps) {
  const zone = me.timeZone || browserZone;
  const day = route.params.get("date") || today();
  const week = route.params.get("span") === "week";
  const selected = route.params.get("record");
  const last = week ? addDays(day, 6) : day;

  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState("");
  const [hiddenKinds, setHiddenKinds] = useState<Set<string>>(new Set());
  const [hiddenSources, setHiddenSources] = useState<Set<string>>(new Set());
  const [mapData, setMapData] = useState<MapData>(emptyData);
  const [focus, setFocus] = useState<[number, number] | null>(null);
  const [arrived, setArrived] = useState({ reloads: 0, note: "" });
  const [whole, setWhole] = useState(false);

  // Records a live source stores for the days shown reload them, and say so.
  const start = startOfDay(day, zone);
  const end = startOfDay(addDays(last, 1), zone);
  useArrivals((arrival) => {
    if (!arrivedWithin(arrival, start, end)) return;
    setArrived((now) => ({ reloads: now.reloads + 1, note: `${count(arrival.stored)} new ${kindLabel(arrival.kind).toLowerCase()} from ${arrival.source} just arrived.` }));
  });

  useEffect(() => {
    const abort = new AbortController();
    setEntries(null);
    setError("");
    (async () => {
      const all: TimelineEntry[] = [];
      let after: string | undefined;
      do {
        const page = await timeline(day, last, zone, after);
        all.push(...page.entries);
        after = page.next ? new URL(page.next, location.origin).searchParams.get("after") ?? undefined : undefined;
      } while (after && all.length < 20_000);
      if (abort.signal.aborted) return;
      setWhole(all.length <= firstDrawn);
      setEntries(all);
      const fixes = await mapPoints(startOfDay(day, zone), startOfDay(addDays(last, 1), zone));
      if (abort.signal.aborted) return;
      const coordinates = fixes.points.map((p) => [p.lng, p.lat] as [number, number]);
      setMapData({
        points: collection(fixes.points.map((p) => point(p.lng, p.lat, { fixes: p.fixes, t: p.firstAt }))),
        path: collection(coordinates.length > 1 ? [line(coordinates)] : []),
        places: collection(all.filter((e) => e.kind === "place_visits" && e.position).map((e) => point(e.position!.lng, e.position!.lat, { id: e.id, name: e.title }))),
      });
    })().catch((e: Error) => !abort.signal.aborted && setError(e.message));
    return () => abort.abort();
  }, [day, last, zone, arrived.reloads]);

  const kinds = useMemo(() => [...new Set((entries ?? []).map((e) => e.kind))].sort(), [entries]);
  const sources = useMemo(() => [...new Set((entries ?? []).map(sourceOf))].sort(), [entries]);
  const shown = (entries ?? []).filter((e) => !hiddenKinds.has(e.kind) && !hiddenSources.has(sourceOf(e)));

  // A day can hold thousands of entries: the first screenfuls are drawn at once, the rest in the next
  // frame, so the day shows before the whole list is laid out.
  useEffect(() => {
    if (whole || !entries) return;
    const frame = requestAnimationFrame(() => setWhole(true));
    return () => cancelAnimationFrame(frame);
  }, [whole, entries]);
  const drawn = whole ? shown : shown.slice(0, firstDrawn);
  // The map (MapLibre's megabyte of script to start) comes after the day's first entries are drawn,
  // not in their way; once there it stays while other days are opened.
  const mapShown = useRef(false);
  if (entries !== null && whole) mapShown.current = true;

  useEffect(() => {
    if (!selected || !entries || !whole) return;
    const entry = entries.find((e) => `${e.kind}:${e.id}` === selected);
    document.getElementById(`entry-${selected}`)?.scrollIntoView({ block: "center" });
    const where = entry?.position ?? entry?.fixes?.first;
    if (where) setFocus([where.lng, where.lat]);
  }, [selected, entries, whole]);

  const go = (date: string, span = week) => navigate(`/timeline?date=${date}${span ? "&span=week" : ""}`);
  const choose = (entry: TimelineEntry) => {
    const where = entry.position ?? entry.fixes?.first;
    if (where) setFocus([where.lng, where.lat]);
    navigate(`/timeline?date=${day}${week ? "&span=week" : ""}&record=${encodeURIComponent(`${entry.kind}:${entry.id}`)}`, true);
  };

  return (
    <>
      <h1>Timeline</h1>
      <div class="row" role="group" aria-label="Which days">
        <button type="button" onClick={() => go(addDays(day, week ? -7 : -1))}>← Earlier</button>
        <label class="inline">Day <input type="date" value={day} onChange={(e) => e.currentTarget.value && go(e.currentTarget.value)} /></label>
        <button type="button" onClick={() => go(addDays(day, week ? 7 : 1))}>Later →</button>
        <label class="inline"><input type="checkbox" checked={week} onChange={(e) => go(day, e.currentTarget.checked)} /> Whole week</label>
        <span class="muted">Times in {zone}</span>
      </div>
      <Shown legend="Kinds shown" values={kinds} hidden={hiddenKinds} label={kindLabel} onChange={setHiddenKinds} />
      <Shown legend="Sources shown" values={sources} hidden={hiddenSources} label={(source) => source} onChange={setHiddenSources} />
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted" aria-live="polite" data-testid="arrivals">{arrived.note}</p>
      <div class="split">
        <section aria-label="Entries">
          {entries === null && !error && <p role="status">Loading…</p>}
          {entries !== null && shown.length === 0 && <p>Nothing recorded {week ? "this week" : "this day"}. <a href="/import">Import data</a>.</p>}
          <ol class="entries" data-testid="timeline-entries" data-complete={entries !== null && whole ? "true" : undefined}>
            {drawn.map((entry) => <Entry entry={entry} week={week} zone={zone} selected={selected === `${entry.kind}:${entry.id}`} onChoose={choose} />)}
          </ol>
        </section>
        {mapShown.current
          ? <MapView data={mapData} focus={focus} label={`Map of ${week ? "the week" : "the day"}`} />
          : <div><div class="map" /></div>}
      </div>
    </>
  );
}

const unknownSource = "unknown source";

/** Entries drawn in the first frame: a few screenfuls, enough for any window the day opens in. */
const firstDrawn = 120;

function sourceOf(entry: TimelineEntry): string {
  return entry.source || unknownSource;
}

// A row of checkboxes, one per value present in the entries, each hiding or showing the entries with that value.
function Shown({ legend, values, hidden, label, onChange }: {
  legend: string; values: string[]; hidden: Set<string>; label: (value: string) => string; onChange: (hidden: Set<string>) => void;
}) {
  if (values.length === 0) return null;
  return (
    <fieldset class="row panel">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label class="inline">
          <input type="checkbox" checked={!hidden.has(value)} onChange={(e) => {
            const next = new Set(hidden);
            if (e.currentTarget.checked) next.delete(value); else next.add(value);
            onChange(next);
          }} /> {label(value)}
        </label>
      ))}
    </fieldset>
  );
}

function Entry({ entry, week, zone, selected, onChoose }: { entry: TimelineEntry; week: boolean; zone: string; selected: boolean; onChoose: (e: TimelineEntry) => void }) {
  const title = entry.kind === "location_points" && entry.fixes
    ? `${count(entry.fixes.count)} location fixes`
    : entry.title || kindLabel(entry.kind);
  const where = entry.position ?? entry.fixes?.first;
  return (
    <li id={`entry-${entry.kind}:${entry.id}`} data-kind={entry.kind} data-source={sourceOf(entry)} aria-current={selected ? "true" : undefined} style={selected ? { background: "var(--mark)" } : undefined}>
      <span class="time">{week ? entry.localAt.slice(5, 10) + " " : ""}{clock(entry.localAt)}{entry.localEndedAt ? `–${clock(entry.localEndedAt)}` : ""}</span>
      <span class="kind" title={`from ${sourceOf(entry)}`}>{kindLabel(entry.kind)}</span>
      {where
        ? <button type="button" class="link" onClick={() => onChoose(entry)} aria-label={`${title}: show on the map`}>{title}</button>
        : <span>{title}</span>}
      <RemovedBadge removal={entry.removedAtSource} source={entry.source} zone={zone} />
      {entry.url && <> · <a href={entry.url} target="_blank" rel="noreferrer noopener">open</a></>}
      {entry.near && <span class="muted"> · near {entry.near.name}</span>}
    </li>
  );
}
