// The MapLibre half of MapView, in its own chunk; its web worker is a separate file Vite emits.
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { mapStyle } from "./style";

setWorkerUrl(workerUrl);

const empty = { type: "FeatureCollection" as const, features: [] };

export function createMap(container: HTMLElement): MapLibreMap {
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const map = new MapLibreMap({ container, style: mapStyle(dark), center: [10, 30], zoom: 1, attributionControl: { compact: true } });
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
