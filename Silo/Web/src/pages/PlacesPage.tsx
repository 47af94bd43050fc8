import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, sendJson } from "../api/client";
import { startOfDay } from "../api/reading";
import { browserZone, count, dateTime } from "../format";
import { MapView } from "../map/MapView";
import { collection, emptyData, point } from "../map/layers";

interface Place {
  placeId: string; name: string | null; nameSource: string; position: { lat: number; lng: number };
  radiusMetres: number; visits: number; dwellSeconds: number; firstVisit: string; lastVisit: string;
}

// Significant places the places model found, with rename, merge and split.
export function PlacesPage({ me }: PageProps) {
  const zone = me.timeZone || browserZone;
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [focus, setFocus] = useState<[number, number] | null>(null);

  const load = () => getJson<{ places: Place[] }>("/api/v1/places").then((list) => setPlaces(list.places), (e: Error) => setError(e.message));
  useEffect(() => { load(); }, []);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError("");
    try { await work(); setMessage(done); await load(); } catch (e) { setError((e as Error).message); }
  };

  const data = { ...emptyData(), places: collection((places ?? []).map((p) => point(p.position.lng, p.position.lat, { id: p.placeId, name: p.name }))) };

  return (
    <>
      <h1>Places</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <p role="status" class="ok">{message}</p>
      <div class="split">
        <section aria-label="Your places">
          {places === null && !error && <p role="status">Loading…</p>}
          {places?.length === 0 && <p>No significant places yet: they are found after an import with location history.</p>}
          {(places ?? []).map((p) => (
            <PlaceCard place={p} others={places!.filter((o) => o.placeId !== p.placeId)} zone={zone} onShow={() => setFocus([p.position.lng, p.position.lat])}
              onRename={(name) => act(() => sendJson("POST", `/api/v1/places/${p.placeId}/rename`, { name }), `Renamed to ${name}.`)}
              onMerge={(other) => act(() => sendJson("POST", `/api/v1/places/${p.placeId}/merge`, { otherPlaceId: other }), "Merged.")}
              onSplit={(split) => act(() => sendJson("POST", `/api/v1/places/${p.placeId}/split`, split),
                "at" in split ? "Split: the stays from that day on are a new place." : `Split at ${split.radiusMetres} m.`)} />
          ))}
        </section>
        <MapView data={data} focus={focus} label="Map of your places" />
      </div>
    </>
  );
}

interface CardProps {
  place: Place; others: Place[]; zone: string;
  onShow: () => void; onRename: (name: string) => void; onMerge: (other: string) => void; onSplit: (split: PlaceSplit) => void;
}

/** A split by time (stays from then on become a new place) or by distance (the stays clustered again that tightly). */
type PlaceSplit = { at: string } | { radiusMetres: number };

function PlaceCard({ place, others, zone, onShow, onRename, onMerge, onSplit }: CardProps) {
  const [name, setName] = useState(place.name ?? "");
  const [other, setOther] = useState("");
  const [splitBy, setSplitBy] = useState<"time" | "distance">("time");
  const [splitDay, setSplitDay] = useState("");
  const [splitRadius, setSplitRadius] = useState("50");
  const label = place.name || `Place at ${place.position.lat.toFixed(4)}, ${place.position.lng.toFixed(4)}`;
  return (
    <article class="panel" data-testid="place" data-place-id={place.placeId}>
      <h2><button type="button" class="link" style={{ background: "none", border: 0, padding: 0, font: "inherit", color: "var(--accent)" }} onClick={onShow}>{label}</button></h2>
      <p class="muted">{count(place.visits)} visits, {Math.round(place.dwellSeconds / 3600)} h in all; {dateTime(place.firstVisit, zone)} – {dateTime(place.lastVisit, zone)}</p>
      <form class="row" onSubmit={(e) => { e.preventDefault(); onRename(name.trim()); }}>
        <label class="inline">Name <input type="text" value={name} required onInput={(e) => setName(e.currentTarget.value)} /></label>
        <button type="submit">Rename</button>
      </form>
      {others.length > 0 && (
        <form class="row" onSubmit={(e) => { e.preventDefault(); if (other) onMerge(other); }}>
          <label class="inline">Merge with
            <select value={other} onChange={(e) => setOther(e.currentTarget.value)}>
              <option value="">choose a place</option>
              {others.map((o) => <option value={o.placeId}>{o.name || `${o.position.lat.toFixed(4)}, ${o.position.lng.toFixed(4)}`}</option>)}
            </select>
          </label>
          <button type="submit" disabled={!other}>Merge</button>
        </form>
      )}
      <form class="row" onSubmit={(e) => {
        e.preventDefault();
        onSplit(splitBy === "time" ? { at: startOfDay(splitDay, zone) } : { radiusMetres: Number(splitRadius) });
      }}>
        <label class="inline">Split
          <select value={splitBy} onChange={(e) => setSplitBy(e.currentTarget.value as "time" | "distance")}>
            <option value="time">from a day on</option>
            <option value="distance">by distance</option>
          </select>
        </label>
        {splitBy === "time"
          ? <label class="inline">Day <input type="date" value={splitDay} required onInput={(e) => setSplitDay(e.currentTarget.value)} /></label>
          : <label class="inline">Metres <input type="number" min={10} max={10000} value={splitRadius} required onInput={(e) => setSplitRadius(e.currentTarget.value)} /></label>}
        <button type="submit">Split</button>
      </form>
    </article>
  );
}
