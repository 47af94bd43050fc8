import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, sendJson } from "../api/client";
import { dateTime } from "../format";

interface Token { tokenId: string; name: string; scopes: string[]; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }

// Personal access tokens for programs (the CLI, scripts): create, list, revoke.
export function TokensPage({ me }: PageProps) {
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState("");
  const [scope, setScope] = useState("read");
  const [created, setCreated] = useState("");
  const [error, setError] = useState("");
  const load = () => getJson<Token[]>("/api/v1/me/tokens").then(setTokens, (e: Error) => setError(e.message));
  useEffect(() => { load(); }, []);

  async function create(event: Event) {
    event.preventDefault();
    setError("");
    try {
      const issued = await sendJson<{ text: string }>("POST", "/api/v1/me/tokens", { name, scopes: [scope] });
      setCreated(issued.text);
      setName("");
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const scopes = me.scopes.includes("admin") ? ["read", "write", "admin"] : me.scopes.includes("write") ? ["read", "write"] : ["read"];
  return (
    <>
      <h1>Tokens</h1>
      <p>Personal access tokens let programs use the API as you (<code>Authorization: Bearer …</code>).</p>
      {error && <p class="error" role="alert">{error}</p>}
      <form class="row panel" onSubmit={create}>
        <label class="inline">Name <input type="text" value={name} required onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="inline">Scope <select value={scope} onChange={(e) => setScope(e.currentTarget.value)}>{scopes.map((s) => <option>{s}</option>)}</select></label>
        <button class="primary" type="submit">Create token</button>
      </form>
      {created && (
        <p class="panel" role="status">Your new token, shown only now: <code data-testid="new-token" style={{ wordBreak: "break-all" }}>{created}</code></p>
      )}
      <div class="scroll">
        <table>
          <thead><tr><th>Name</th><th>Scopes</th><th>Created</th><th>Last used</th><th></th></tr></thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td><td>{t.scopes.join(", ")}</td><td>{dateTime(t.createdAt)}</td><td>{dateTime(t.lastUsedAt)}</td>
                <td>{t.revokedAt ? "revoked" : <button type="button" class="danger" aria-label={`Revoke ${t.name}`} onClick={() => sendJson("DELETE", `/api/v1/me/tokens/${t.tokenId}`).then(load, (e: Error) => setError(e.message))}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
