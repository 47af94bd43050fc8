// New records stored by live sources (a phone's fixes, a connection's poll), pushed by the silo as
// server-sent events (GET /api/v1/records/arrivals): what arrived, never the records themselves.
import { useEffect } from "preact/hooks";
import { readEvents } from "./events";

export interface Arrival {
  kind: string;
  source: string;
  received: number;
  stored: number;
  matched: number;
  from: string | null;
  until: string | null;
}

/** Calls onArrival for each batch of the user's records stored while the page is open; reconnects after a drop. */
export function useArrivals(onArrival: (arrival: Arrival) => void): void {
  useEffect(() => {
    const abort = new AbortController();
    (async () => {
      while (!abort.signal.aborted) {
        try {
          for await (const event of readEvents("/api/v1/records/arrivals", { signal: abort.signal })) {
            // The page says when it listens (the silo has subscribed), for people's tools and the browser tests.
            if (event.event === "ready") document.documentElement.dataset.arrivals = "listening";
            if (event.event === "records") onArrival(JSON.parse(event.data) as Arrival);
          }
        } catch {
          // The stream dropped (a silo restarted, the network blinked): listen again shortly.
        }
        document.documentElement.dataset.arrivals = "reconnecting";
        if (!abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    })();
    return () => {
      abort.abort();
      delete document.documentElement.dataset.arrivals;
    };
  }, []);
}

/** Whether an arrival's time span meets the instants [start, end). */
export function arrivedWithin(arrival: Arrival, start: string, end: string): boolean {
  if (!arrival.from || !arrival.until || arrival.stored <= 0) return false;
  return Date.parse(arrival.from) < Date.parse(end) && Date.parse(arrival.until) >= Date.parse(start);
}
