// The map's style: the configured base tiles (OpenStreetMap unless the operator set another URL or
// none), and under them country outlines from world-atlas, so the map is useful without any tiles.
import type { StyleSpecification } from "maplibre-gl";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";

/** The base-tile URL template the silo put into the page (`Web:BaseTilesUrl`); empty for none. */
export function baseTilesUrl(): string {
  const value = document.querySelector<HTMLMetaElement>('meta[name="datapunk-base-tiles"]')?.content ?? "";
  return value.startsWith("%") ? "" : value;
}

export function mapStyle(dark: boolean): StyleSpecification {
  const topology = countries as unknown as Topology;
  const outlines = feature(topology, topology.objects.countries);
  const tiles = baseTilesUrl();
  const style: StyleSpecification = {
    version: 8,
    sources: { countries: { type: "geojson", data: outlines } },
    layers: [
      { id: "background", type: "background", paint: { "background-color": dark ? "#0e1a24" : "#dbe9f4" } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": dark ? "#23262b" : "#f4f1ea" } },
      { id: "borders", type: "line", source: "countries", paint: { "line-color": dark ? "#555a63" : "#a9a59b", "line-width": 0.7 } },
    ],
  };
  if (tiles) {
    style.sources.base = {
      type: "raster",
      tiles: [tiles],
      tileSize: 256,
      attribution: tiles.includes("openstreetmap.org") ? "© OpenStreetMap contributors" : "",
    };
    style.layers.push({ id: "base", type: "raster", source: "base", paint: { "raster-opacity": dark ? 0.75 : 1 } });
  }
  return style;
}
