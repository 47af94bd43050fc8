// Numbers, sizes and times as people read them, in the browser's language and the user's zone.

export const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function count(value: number): string {
  return value.toLocaleString();
}

export function bytes(value: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function dateTime(iso: string | null | undefined, zone?: string): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
}

/** The local clock time a `localAt` carries (e.g. 2019-05-03T01:30:00+02:00 → 01:30). */
export function clock(localIso: string | null | undefined): string {
  return localIso ? localIso.slice(11, 16) : "";
}

/** Today as yyyy-MM-dd in the browser's zone. */
export function today(): string {
  return isoDay(new Date());
}

export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return isoDay(new Date(y, m - 1, d + days));
}

export function kindLabel(kind: string): string {
  return kind.replace(/_/g, " ");
}

/** The local day (yyyy-MM-dd) of an instant in an IANA zone. */
export function localDay(iso: string, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/** The timeline link that opens a record's day and points at the record. */
export function timelineLink(kind: string, id: string, time: string | null | undefined, zone: string): string {
  const day = time ? localDay(time, zone) : today();
  return `/timeline?date=${day}&record=${encodeURIComponent(`${kind}:${id}`)}`;
}
