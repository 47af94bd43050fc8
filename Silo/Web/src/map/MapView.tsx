import { useEffect, useRef, useState } from "preact/hooks";
import type { GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";
import { bounds, type MapData } from "./layers";

export interface MapViewProps {
  data: MapData;
  /** Centres the map here ([lng, lat]) when it changes. */
  focus?: [number, number] | null;
  label: string;
  onPlaceClick?: (id: string) => void;
}

// maplibre-gl (about 1 MB) is loaded when the first map appears, not with the app.
const loadMapLibre = () => import("./maplibre");

/**
 * How many features of the layers MapLibre drew near the map's centre, or in the whole view when none
 * are there. Listing every drawn feature makes an object of each, a long task on a year's map of
 * tiles; a map fitted to what it shows almost always has something near its centre.
 */
function renderedCount(map: MapLibreMap, layers: string[]): number {
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  const near = map.queryRenderedFeatures([[width / 2 - 48, height / 2 - 48], [width / 2 + 48, height / 2 + 48]], { layers }).length;
  return near > 0 ? near : map.queryRenderedFeatures({ layers }).length;
}

/**
 * A MapLibre GL map of the given data. Once drawn it sets data-rendered-points and -places on its
 * element to the numbers of the user's points and places the map itself reports drawn near its
 * centre (or, when none are there, anywhere in view: renderedCount), and counts
 * the times it came to rest (data-idles), which the browser tests and the browser benchmark read.
 */
export function MapView({ data, focus, label, onPlaceClick }: MapViewProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const library = useRef<Awaited<ReturnType<typeof loadMapLibre>> | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState("");

  useEffect(() => {
    let disposed = false;
    loadMapLibre().then((loaded) => {
      if (disposed || !element.current) return;
      library.current = loaded;
      const created = loaded.createMap(element.current);
      map.current = created;
      created.on("load", () => setReady(true));
      let idles = 0;
      created.on("idle", () => {
        element.current?.setAttribute("data-idles", String(++idles));
        const pointLayers = created.getLayer("user-fixes") ? ["user-points", "user-fixes"] : ["user-points"];
        element.current?.setAttribute("data-rendered-points", String(renderedCount(created, pointLayers)));
        element.current?.setAttribute("data-rendered-places", String(renderedCount(created, ["user-places"])));
      });
      created.on("click", "user-places", (event) => {
        const id = event.features?.[0]?.properties?.id;
        if (id && onPlaceClick) onPlaceClick(String(id));
      });
    }, (e: Error) => setError(`The map could not be loaded: ${e.message}`));
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!ready || !current) return;
    (current.getSource("user-points") as GeoJSONSource).setData(data.points);
    (current.getSource("user-path") as GeoJSONSource).setData(data.path);
    (current.getSource("user-places") as GeoJSONSource).setData(data.places);
    library.current?.showFixTiles(current, data.fixTiles ?? null);
    element.current?.setAttribute("data-points", String(data.points.features.length));
    const box = bounds(data);
    if (box) current.fitBounds(box, { padding: 40, maxZoom: 15, duration: 0 });
  }, [ready, data]);

  useEffect(() => {
    if (ready && focus && map.current) map.current.flyTo({ center: focus, zoom: Math.max(map.current.getZoom(), 14) });
  }, [ready, focus]);

  return (
    <div>
      <div ref={element} class="map" role="region" aria-label={label} data-testid="map" />
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
