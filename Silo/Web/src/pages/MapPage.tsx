import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { fixTilesUrl, mapExtent, mapPlaces } from "../api/reading";
import { addDays, count, today } from "../format";
import { navigate } from "../router";
import { MapView } from "../map/MapView";
import { collection, emptyData, point, type MapData } from "../map/layers";

// Fixes (as vector tiles, so a decade draws as fast as a day) and visited places for any range.
export function MapPage({ route }: PageProps) {
  const to = route.params.get("to") || today();
  const from = route.params.get("from") || addDays(to, -365);
  const [data, setData] = useState<MapData>(emptyData);
  const [summary, setSummary] = useState("");
  const [error, setError] = useState("");

  useEffect(() => {
    // An answer to an earlier range that arrives late must not replace the current one.
    let stale = false;
    setError("");
    setSummary("Loading…");
    const end = `${addDays(to, 1)}T00:00:00Z`;
    const start = `${from}T00:00:00Z`;
    // Both asked at once; the fixes are drawn as soon as their extent is known, the places (slower:
    // each is named by the gazetteer) join them when they come.
    const places = mapPlaces(start, end);
    mapExtent(start, end).then((extent) => {
      if (stale) return;
      const box = extent.box;
      setData({
        points: collection([]),
        path: collection([]),
        places: collection([]),
        fixTiles: extent.fixes > 0 ? fixTilesUrl(start, end) : null,
        fixBox: box ? [box.minLng, box.minLat, box.maxLng, box.maxLat] : null,
      });
      setSummary(`${count(extent.fixes)} fixes; places…`);
      return places.then((found) => {
        if (stale) return;
        setData((now) => ({ ...now, places: collection(found.places.map((p) => point(p.position.lng, p.position.lat, { id: p.placeId, name: p.name }))) }));
        setSummary(`${count(extent.fixes)} fixes; ${count(found.places.length)} places.`);
      });
    }).catch((e: Error) => { if (!stale) { setError(e.message); setSummary(""); } });
    return () => { stale = true; };
  }, [from, to]);

  const set = (name: string, value: string) => {
    const params = new URLSearchParams(route.params);
    params.set(name, value);
    navigate(`/map?${params}`, true);
  };

  return (
    <>
      <h1>Map</h1>
      <div class="row">
        <label class="inline">From <input type="date" value={from} onChange={(e) => set("from", e.currentTarget.value)} /></label>
        <label class="inline">To <input type="date" value={to} onChange={(e) => set("to", e.currentTarget.value)} /></label>
        <span role="status" class="muted">{summary}</span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <MapView data={data} label="Map of your fixes and places" />
    </>
  );
}
