import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, sendJson } from "../api/client";
import { dateTime } from "../format";

interface Account { userName: string; role: string; createdAt: string }
interface ImportRow {
  importId: string; userId: string; status: string; createdAt: string; finishedAt: string | null;
  filesTotal: number | null; filesDone: number; filesFailed: number; bytesDone: number; records: number; duplicates: number; errors: number; seconds: number;
}
interface ImportsPage { imports: ImportRow[]; next: string | null }
interface Cluster { clusterId: string; silos: { name: string; address: string; hostName: string; status: string }[] }

// Operators: users (list, create), every user's imports without their content, the cluster's silos, and the Orleans dashboard.
export function AdminPage(_: PageProps) {
  const [users, setUsers] = useState<Account[]>([]);
  const [cluster, setCluster] = useState<Cluster | null>(null);
  const [imports, setImports] = useState<ImportRow[]>([]);
  const [nextImports, setNextImports] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [admin, setAdmin] = useState(false);
  const [created, setCreated] = useState("");
  const [error, setError] = useState("");
  const load = () => {
    getJson<Account[]>("/api/v1/users").then(setUsers, (e: Error) => setError(e.message));
    getJson<Cluster>("/api/v1/cluster").then(setCluster, (e: Error) => setError(e.message));
    getJson<ImportsPage>("/api/v1/admin/imports?limit=50").then((page) => { setImports(page.imports); setNextImports(page.next); }, (e: Error) => setError(e.message));
  };

  function moreImports() {
    if (!nextImports) return;
    getJson<ImportsPage>(`/api/v1/admin/imports?limit=50&after=${encodeURIComponent(nextImports)}`)
      .then((page) => { setImports((shown) => [...shown, ...page.imports]); setNextImports(page.next); }, (e: Error) => setError(e.message));
  }
  useEffect(load, []);

  async function create(event: Event) {
    event.preventDefault();
    try {
      const user = await sendJson<{ user: string; token: string }>("POST", "/api/v1/users", { userName: name, role: admin ? "admin" : "member" });
      setCreated(`${user.user}'s first token: ${user.token}`);
      setName("");
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <>
      <h1>Admin</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <h2>Users</h2>
      <form class="row panel" onSubmit={create}>
        <label class="inline">User name <input type="text" value={name} required onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label class="inline"><input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} /> administrator</label>
        <button type="submit" class="primary">Create user</button>
      </form>
      {created && <p class="panel" role="status" style={{ wordBreak: "break-all" }}>{created}</p>}
      <div class="scroll"><table>
        <thead><tr><th>User</th><th>Role</th><th>Created</th></tr></thead>
        <tbody>{users.map((u) => <tr><td>{u.userName}</td><td>{u.role}</td><td>{dateTime(u.createdAt)}</td></tr>)}</tbody>
      </table></div>
      <h2>Imports</h2>
      <p class="muted">Every user's imports, newest first: their state and size, never what they hold.</p>
      <div class="scroll"><table aria-label="Imports across users">
        <thead><tr><th>User</th><th>State</th><th>Started</th><th class="number">Files</th><th class="number">Failed</th><th class="number">MB</th><th class="number">Records</th><th class="number">Duplicates</th><th class="number">Seconds</th></tr></thead>
        <tbody>{imports.map((i) => (
          <tr>
            <td>{i.userId}</td><td>{i.status}</td><td>{dateTime(i.createdAt)}</td>
            <td class="number">{i.filesDone.toLocaleString()}{i.filesTotal !== null ? ` / ${i.filesTotal.toLocaleString()}` : ""}</td>
            <td class="number">{i.filesFailed.toLocaleString()}</td>
            <td class="number">{(i.bytesDone / 1048576).toFixed(1)}</td>
            <td class="number">{i.records.toLocaleString()}</td>
            <td class="number">{i.duplicates.toLocaleString()}</td>
            <td class="number">{i.seconds.toFixed(1)}</td>
          </tr>
        ))}</tbody>
      </table></div>
      {nextImports && <button type="button" onClick={moreImports}>More imports</button>}
      <h2>Cluster</h2>
      <p><a href="/dashboard" target="_blank" rel="noopener">Open the Orleans dashboard</a> (grains, calls, latency per silo).</p>
      {cluster && (
        <div class="scroll"><table>
          <thead><tr><th>Silo</th><th>Address</th><th>Host</th><th>Status</th></tr></thead>
          <tbody>{cluster.silos.map((s) => <tr><td>{s.name}</td><td>{s.address}</td><td>{s.hostName}</td><td>{s.status}</td></tr>)}</tbody>
        </table></div>
      )}
    </>
  );
}
