// The reading routes (docs/api.md, "Reading one's data"): timeline, map points and places, stats.
import { getJson, query } from "./client";
import type { SourceRemoval } from "../components/RemovedBadge";

export interface GeoPoint { lat: number; lng: number }

export interface TimelineEntry {
  kind: string;
  id: string;
  at: string;
  localAt: string;
  endedAt: string | null;
  localEndedAt: string | null;
  title: string | null;
  url: string | null;
  position: GeoPoint | null;
  fixes: { count: number; firstAt: string; first: GeoPoint; lastAt: string; last: GeoPoint } | null;
  near?: { name: string; country: string; distanceKm: number } | null;
  /** The export format id of what stored it (google.location.records); for an hour of fixes, its first fix's. */
  source?: string | null;
  /** Set when the live source removed or cancelled the item; the record is kept. */
  removedAtSource?: SourceRemoval | null;
}

export interface TimelinePage {
  timeZone: string;
  from: string;
  to: string;
  entries: TimelineEntry[];
  next: string | null;
}

export interface MapPoint { lat: number; lng: number; fixes: number; firstAt: string; lastAt: string }

export interface MapPoints { fixes: number; points: MapPoint[]; simplification: unknown | null }

export interface MapPlace {
  placeId: string;
  name: string | null;
  position: GeoPoint;
  visits: number;
  totalSeconds: number;
  firstVisit: string;
  lastVisit: string;
}

export const wholeWorld = "-180,-90,180,90";

export function timeline(from: string, to: string, tz: string, after?: string): Promise<TimelinePage> {
  return getJson(`/api/v1/timeline${query({ from, to, tz, limit: 2000, after })}`);
}

export function mapPoints(from: string, to: string, limit = 5000, bbox = wholeWorld): Promise<MapPoints> {
  return getJson(`/api/v1/map/points${query({ bbox, from, to, limit })}`);
}

export interface MapExtent {
  fixes: number;
  box: { minLng: number; minLat: number; maxLng: number; maxLat: number } | null;
  firstAt: string | null;
  lastAt: string | null;
}

/** How many fixes there are in a range and the box around them. */
export function mapExtent(from: string, to: string): Promise<MapExtent> {
  return getJson(`/api/v1/map/extent${query({ from, to })}`);
}

/**
 * The URL template of the vector tiles of the caller's fixes in a range (MapLibre fills in {z}, {x}
 * and {y}). Absolute, as MapLibre's worker fetches it; the map adds the session's token.
 */
export function fixTilesUrl(from: string, to: string): string {
  return `${location.origin}/api/v1/map/tiles/{z}/{x}/{y}.mvt${query({ from, to })}`;
}

export function mapPlaces(from: string, to: string, bbox = wholeWorld): Promise<{ places: MapPlace[]; truncated: boolean }> {
  return getJson(`/api/v1/map/places${query({ bbox, from, to })}`);
}

/** The instant (ISO, UTC) a local day starts at in an IANA zone. */
export function startOfDay(day: string, zone: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - offsetMinutes(guess, zone) * 60_000;
  instant = guess - offsetMinutes(instant, zone) * 60_000;
  return new Date(instant).toISOString();
}

function offsetMinutes(instant: number, zone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(new Date(instant)).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}
