import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { useArrivals } from "../api/arrivals";
import { getJson, sendJson } from "../api/client";
import { dateTime } from "../format";

interface Connection {
  id: string; provider: string; account: string; displayName: string | null; status: string; paused: boolean;
  lastPoll: string | null; lastSuccess: string | null; lastError: string | null; lastErrorAt: string | null;
  nextPoll: string | null; polls: number; records: number; createdAt: string; activity?: string | null;
}
interface Provider { name: string; title: string; description: string; configured: boolean }
interface IngestToken { tokenId: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

// Live sources: accounts connected over OAuth and polled on schedule, and the tokens phones' tracker
// apps (OwnTracks, Overland) post fixes with.
export function SourcesPage({ me }: PageProps) {
  const [connections, setConnections] = useState<Connection[]>([]);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [tokens, setTokens] = useState<IngestToken[]>([]);
  const [tokenName, setTokenName] = useState("");
  const [created, setCreated] = useState("");
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const fail = (e: Error) => setError(e.message);
  const load = () => Promise.all([
    getJson<Connection[]>("/api/v1/connections").then(setConnections),
    getJson<Provider[]>("/api/v1/connections/providers").then(setProviders),
    getJson<IngestToken[]>("/api/v1/me/ingest-tokens").then(setTokens),
  ]).catch(fail);
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (params.get("connected")) setMessage(`Connected ${params.get("connected")}; its first poll has started.`);
    if (params.get("error")) setError(params.get("error")!);
    load();
  }, []);

  // A poll or a phone that stores records updates the counts shown.
  useArrivals(() => { load(); });

  const act = (label: string, run: () => Promise<unknown>) => async () => {
    setError("");
    setMessage("");
    try {
      await run();
      setMessage(label);
      await load();
    } catch (e) {
      fail(e as Error);
    }
  };

  async function connect(provider: string) {
    setError("");
    try {
      const start = await sendJson<{ authorizeUrl: string }>("POST", `/api/v1/connections/${provider}`);
      location.assign(start.authorizeUrl);
    } catch (e) {
      fail(e as Error);
    }
  }

  async function createToken(event: Event) {
    event.preventDefault();
    setError("");
    try {
      const issued = await sendJson<{ text: string }>("POST", "/api/v1/me/ingest-tokens", { name: tokenName });
      setCreated(issued.text);
      setTokenName("");
      await load();
    } catch (e) {
      fail(e as Error);
    }
  }

  const id = encodeURIComponent;
  return (
    <>
      <h1>Sources</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {message && <p class="panel" role="status">{message}</p>}

      <h2>Connected accounts</h2>
      <p>Connected accounts are polled on a schedule; what they give is stored once, with your imports.</p>
      <div class="row">
        {providers.map((p) => (
          <button type="button" disabled={!p.configured} title={p.configured ? "" : "The operator has not configured this provider"} onClick={() => connect(p.name)}>
            Connect {p.title}
          </button>
        ))}
      </div>
      <ul class="muted" data-testid="provider-descriptions">
        {providers.map((p) => <li><strong>{p.title}</strong>: {p.description}</li>)}
      </ul>
      <div class="scroll">
        <table data-testid="connections">
          <thead><tr><th>Account</th><th>Status</th><th>Last success</th><th>Next poll</th><th>Records</th><th></th></tr></thead>
          <tbody>
            {connections.map((c) => (
              <tr>
                <td>{c.displayName || c.account} <span class="muted">({c.provider})</span></td>
                <td>{c.paused ? "paused" : c.status}{c.activity && <div class="muted" data-testid="connection-activity">{c.activity}</div>}{c.lastError && <div class="error">{c.lastError}</div>}</td>
                <td>{dateTime(c.lastSuccess)}</td>
                <td>{c.paused ? "" : dateTime(c.nextPoll)}</td>
                <td>{c.records.toLocaleString()}</td>
                <td><div class="row">
                  <button type="button" onClick={act(`Polled ${c.id}.`, () => sendJson("POST", `/api/v1/connections/${id(c.id)}/sync`))}>Sync now</button>
                  {c.paused
                    ? <button type="button" onClick={act(`Resumed ${c.id}.`, () => sendJson("POST", `/api/v1/connections/${id(c.id)}/resume`))}>Resume</button>
                    : <button type="button" onClick={act(`Paused ${c.id}.`, () => sendJson("POST", `/api/v1/connections/${id(c.id)}/pause`))}>Pause</button>}
                  <button type="button" class="danger" aria-label={`Remove ${c.id}`}
                    onClick={act(`Removed ${c.id}; the records it stored stay.`, () => sendJson("DELETE", `/api/v1/connections/${id(c.id)}`))}>Remove</button>
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Live location from your phone</h2>
      <p>
        OwnTracks (HTTP mode) posts to <code>{location.origin}/ingest/owntracks</code> with your user name
        (<code>{me.userName}</code>) and an ingest token as the password; Overland posts to
        <code> {location.origin}/ingest/overland?token=…</code>. An ingest token can only add your fixes.
      </p>
      <form class="row panel" onSubmit={createToken}>
        <label class="inline">Phone <input type="text" value={tokenName} required onInput={(e) => setTokenName(e.currentTarget.value)} /></label>
        <button class="primary" type="submit">Create ingest token</button>
      </form>
      {created && <p class="panel" role="status">The phone's token, shown only now: <code data-testid="new-ingest-token" style={{ wordBreak: "break-all" }}>{created}</code></p>}
      <div class="scroll">
        <table>
          <thead><tr><th>Phone</th><th>Created</th><th>Last used</th><th></th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td><td>{dateTime(t.createdAt)}</td><td>{dateTime(t.lastUsedAt)}</td>
                <td>{t.revokedAt ? "revoked" : <button type="button" class="danger" aria-label={`Revoke ${t.name}`} onClick={act(`Revoked ${t.name}.`, () => sendJson("DELETE", `/api/v1/me/ingest-tokens/${t.tokenId}`))}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
