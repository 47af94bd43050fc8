import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, query } from "../api/client";
import { browserZone, dateTime, kindLabel, timelineLink } from "../format";
import { navigate } from "../router";
import { Highlighted } from "../components/Highlighted";
import { RemovedBadge, type SourceRemoval } from "../components/RemovedBadge";

interface SearchResult { id: string; kind: string; time: string | null; title: string | null; snippet: string | null; matched: string[]; url: string | null; removedAtSource?: SourceRemoval | null }

const kinds = ["", "place_visits", "emails", "calendar_events", "spotify_plays", "spotify_saved_tracks", "spotify_playlist_items", "youtube_watches", "youtube_subscriptions", "youtube_playlist_items", "youtube_likes", "google_searches", "photos", "fit_days", "table_rows"];

/** A record opens its day in the timeline; a row of one's tables (id "table/row") opens that table at the row. */
function resultLink(r: SearchResult, zone: string): string {
  if (r.kind !== "table_rows") return timelineLink(r.kind, r.id, r.time, zone);
  const slash = r.id.lastIndexOf("/");
  return `/tables${query({ table: r.id.slice(0, slash), row: r.id.slice(slash + 1) })}`;
}

// One search over all of the user's records (full text, fuzzy titles, meaning) and the rows of their
// tables, with filters; a result opens its day in the timeline, or its table.
export function SearchPage({ route, me }: PageProps) {
  const zone = me.timeZone || browserZone;
  const q = route.params.get("q") ?? "";
  const kind = route.params.get("kind") ?? "";
  const from = route.params.get("from") ?? "";
  const to = route.params.get("to") ?? "";
  const [text, setText] = useState(q);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [error, setError] = useState("");

  useEffect(() => {
    if (!q) return setResults(null);
    let stale = false;
    setError("");
    getJson<{ results: SearchResult[] }>(`/api/v1/search${query({ q, kind, from: from && `${from}T00:00:00Z`, to: to && `${to}T00:00:00Z`, limit: 50 })}`)
      .then((page) => !stale && setResults(page.results), (e: Error) => !stale && setError(e.message));
    return () => { stale = true; };
  }, [q, kind, from, to]);

  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    navigate(`/search${query({ q: text, kind: String(form.get("kind") ?? ""), from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") })}`);
  };

  return (
    <>
      <h1>Search</h1>
      <form role="search" onSubmit={submit} class="row">
        <label class="inline">Search for <input type="search" name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} required /></label>
        <label class="inline">Kind
          <select name="kind" value={kind}>{kinds.map((k) => <option value={k}>{k ? kindLabel(k) : "any"}</option>)}</select>
        </label>
        <label class="inline">From <input type="date" name="from" value={from} /></label>
        <label class="inline">Before <input type="date" name="to" value={to} /></label>
        <button class="primary" type="submit">Search</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {results && <p role="status" class="muted">{results.length === 0 ? "Nothing found." : `${results.length} ${results.length === 1 ? "result" : "results"}`}</p>}
      <ol class="entries" data-testid="search-results">
        {(results ?? []).map((r) => (
          <li>
            <span class="kind">{kindLabel(r.kind)}</span>
            <a href={resultLink(r, zone)}><Highlighted text={r.title || r.id} /></a>
            <span class="time"> {dateTime(r.time, zone)}</span>
            <RemovedBadge removal={r.removedAtSource} zone={zone} />
            {r.snippet && <div class="muted"><Highlighted text={r.snippet} /></div>}
          </li>
        ))}
      </ol>
    </>
  );
}
