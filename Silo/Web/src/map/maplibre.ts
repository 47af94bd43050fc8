// The MapLibre half of MapView, in its own chunk; its web worker is a separate file Vite emits.
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type VectorTileSource } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { currentSession } from "../api/session";
import { mapStyle } from "./style";

setWorkerUrl(workerUrl);

const empty = { type: "FeatureCollection" as const, features: [] };

export function createMap(container: HTMLElement): MapLibreMap {
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const map = new MapLibreMap({
    container, style: mapStyle(dark), center: [10, 30], zoom: 1, attributionControl: { compact: true },
    // The user's tiles come from the API, which wants the session's token; base tiles go out bare.
    transformRequest: (url) => {
      const token = currentSession()?.accessToken;
      return url.startsWith(`${location.origin}/api/`) && token ? { url, headers: { authorization: `Bearer ${token}` } } : { url };
    },
  });
  map.addControl(new NavigationControl({ showCompass: false }));
  map.on("load", () => {
    map.addSource("user-path", { type: "geojson", data: empty });
    map.addSource("user-points", { type: "geojson", data: empty });
    map.addSource("user-places", { type: "geojson", data: empty });
    map.addLayer({ id: "user-path", type: "line", source: "user-path", paint: { "line-color": "#e8590c", "line-width": 2, "line-opacity": 0.8 } });
    map.addLayer({
      id: "user-points", type: "circle", source: "user-points",
      paint: {
        "circle-color": "#d9480f",
        "circle-radius": ["interpolate", ["linear"], ["ln", ["max", 1, ["coalesce", ["get", "fixes"], 1]]], 0, 3, 10, 9],
        "circle-opacity": 0.8,
        "circle-stroke-color": "#ffffff", "circle-stroke-width": 1,
      },
    });
    map.addLayer({
      id: "user-places", type: "circle", source: "user-places",
      paint: { "circle-color": "#1971c2", "circle-radius": 7, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
    });
  });
  return map;
}

/**
 * Draws the vector tiles of the user's fixes from this URL template (layer "fixes": a point per fix,
 * or per occupied cell with its count where a tile has many), or stops drawing them (null).
 */
export function showFixTiles(map: MapLibreMap, tiles: string | null): void {
  const source = map.getSource("user-fixes") as VectorTileSource | undefined;
  if (!tiles) {
    if (source) {
      map.removeLayer("user-fixes");
      map.removeSource("user-fixes");
    }
    return;
  }

  if (source) {
    // The same tiles again (the page's places arrived after its fixes) are not fetched again.
    if (source.tiles?.[0] !== tiles) source.setTiles([tiles]);
    return;
  }

  map.addSource("user-fixes", { type: "vector", tiles: [tiles], minzoom: 0, maxzoom: 16 });
  map.addLayer({
    id: "user-fixes", type: "circle", source: "user-fixes", "source-layer": "fixes",
    paint: {
      "circle-color": "#d9480f",
      "circle-radius": ["interpolate", ["linear"], ["ln", ["max", 1, ["coalesce", ["get", "count"], 1]]], 0, 2.5, 10, 8],
      "circle-opacity": 0.75,
      "circle-stroke-color": "#ffffff", "circle-stroke-width": 0.5,
    },
  }, "user-places");
}
