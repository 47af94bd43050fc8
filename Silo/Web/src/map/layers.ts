// What the pages draw on a map: the user's fixes (points, sized by how many fixes a simplified
// point stands for), the path through them in time order, and places.
import type { Feature, FeatureCollection, LineString, Point } from "geojson";

export interface MapData {
  points: FeatureCollection<Point>;
  path: FeatureCollection<LineString>;
  places: FeatureCollection<Point>;
  /** Vector tiles of fixes to draw instead of (or as well as) points: their URL template. */
  fixTiles?: string | null;
  /** The box [minLng, minLat, maxLng, maxLat] the tiles' fixes lie in, for fitting the map. */
  fixBox?: [number, number, number, number] | null;
}

export const emptyData = (): MapData => ({ points: collection([]), path: collection([]), places: collection([]) });

export function collection<G extends Point | LineString>(features: Feature<G>[]): FeatureCollection<G> {
  return { type: "FeatureCollection", features };
}

export function point(lng: number, lat: number, properties: Record<string, unknown> = {}): Feature<Point> {
  return { type: "Feature", geometry: { type: "Point", coordinates: [lng, lat] }, properties };
}

export function line(coordinates: [number, number][]): Feature<LineString> {
  return { type: "Feature", geometry: { type: "LineString", coordinates }, properties: {} };
}

/** The box [minLng, minLat, maxLng, maxLat] around everything drawn, or null when nothing is. */
export function bounds(data: MapData): [number, number, number, number] | null {
  const all = [...data.points.features, ...data.places.features].map((f) => f.geometry.coordinates);
  if (data.fixBox) all.push([data.fixBox[0], data.fixBox[1]], [data.fixBox[2], data.fixBox[3]]);
  if (!all.length) return null;
  const lngs = all.map((c) => c[0]);
  const lats = all.map((c) => c[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}
