import { useEffect, useState } from "preact/hooks";
import type { PageProps } from "../App";
import { getJson, send, sendJson } from "../api/client";
import { errorOf } from "../api/problems";
import { clearSession, currentSession } from "../api/session";
import { bytes, dateTime } from "../format";
import { navigate } from "../router";

interface ExportStatus { exportId: string; state: "Running" | "Ready" | "Failed"; startedAt: string; bytes: number | null; error: string | null }
interface ModelServer { endpoint: string; model: string; maskPii: boolean }
interface AuditEntry { sequence: number; at: string; actor: string; action: string; recordCount: number; route?: string; status?: string }

// Export everything (a zip of JSON Lines; masked to share), what a language-model server may see,
// erase the account, and the audit trail of every access.
export function PrivacyPage({ me }: PageProps) {
  const [exported, setExported] = useState<ExportStatus | null>(null);
  const [trail, setTrail] = useState<AuditEntry[]>([]);
  const [error, setError] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [masked, setMasked] = useState(false);
  const [servers, setServers] = useState<ModelServer[]>([]);

  useEffect(() => { getJson<{ servers: ModelServer[] }>("/api/v1/me/model-servers").then((p) => setServers(p.servers), (e: Error) => setError(e.message)); }, []);
  useEffect(() => { getJson<{ entries: AuditEntry[] }>("/api/v1/privacy/audit?limit=100").then((p) => setTrail(p.entries), (e: Error) => setError(e.message)); }, []);

  async function startExport() {
    setError("");
    setExported(null);
    try {
      let status = await sendJson<ExportStatus>("POST", masked ? "/api/v1/privacy/exports?masked=true" : "/api/v1/privacy/exports");
      setExported(status);
      while (status.state === "Running") {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        status = await getJson<ExportStatus>(`/api/v1/privacy/exports/${status.exportId}`);
        setExported(status);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function download(status: ExportStatus) {
    const response = await send(`/api/v1/privacy/exports/${status.exportId}/download`);
    if (!response.ok) return setError((await errorOf(response)).message);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = `datapunk-export-${me.userName}.zip`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  async function setMasking(server: ModelServer, maskPii: boolean) {
    setError("");
    try {
      const changed = await sendJson<ModelServer>("PUT", "/api/v1/me/model-servers/masking", { endpoint: server.endpoint, maskPii });
      setServers(servers.map((s) => (s.endpoint === changed.endpoint ? changed : s)));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function erase() {
    try {
      await sendJson("DELETE", "/api/v1/me", { confirm: currentSession()?.userId });
      clearSession();
      navigate("/sign-in");
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <>
      <h1>Privacy</h1>
      {error && <p class="error" role="alert">{error}</p>}
      <section class="panel">
        <h2>Export</h2>
        <p>A zip of everything Datapunk holds about you, as JSON Lines.</p>
        <label>
          <input type="checkbox" checked={masked} onChange={(e) => setMasked((e.target as HTMLInputElement).checked)} data-testid="export-masked" />
          {" "}To share: mask e-mail addresses, phone numbers, bank and card numbers, national ids and street addresses
        </label>
        <button type="button" class="primary" onClick={startExport} disabled={exported?.state === "Running"}>Export my data</button>
        {exported && (
          <p role="status" data-testid="export-status" data-state={exported.state}>
            {exported.state === "Running" && "Writing the export…"}
            {exported.state === "Ready" && <>Ready ({bytes(exported.bytes ?? 0)}). <button type="button" onClick={() => download(exported)}>Download the zip</button></>}
            {exported.state === "Failed" && <span class="error">The export failed: {exported.error}</span>}
          </p>
        )}
      </section>
      {servers.length > 0 && (
        <section class="panel">
          <h2>Language model</h2>
          <p>Answers may use this server. Personal identifiers in what your questions send it are replaced by pseudonyms unless you turn that off.</p>
          {servers.map((server) => (
            <label key={server.endpoint}>
              <input type="checkbox" checked={server.maskPii} onChange={(e) => setMasking(server, (e.target as HTMLInputElement).checked)} />
              {" "}Mask what is sent to {server.model} at <code>{server.endpoint}</code>
            </label>
          ))}
        </section>
      )}
      <section class="panel">
        <h2>Erase my account</h2>
        <p>Deletes your account and all of your data for good. The audit log keeps only a tombstone.</p>
        {!confirming && <button type="button" class="danger" onClick={() => setConfirming(true)}>Erase my account…</button>}
        {confirming && (
          <form onSubmit={(e) => { e.preventDefault(); if (typed === me.userName) erase(); }}>
            <label>Type your user name, <strong>{me.userName}</strong>, to confirm
              <input type="text" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
            </label>
            <div class="row">
              <button type="submit" class="danger" disabled={typed !== me.userName}>Erase everything now</button>
              <button type="button" onClick={() => { setConfirming(false); setTyped(""); }}>Keep my account</button>
            </div>
          </form>
        )}
      </section>
      <h2>Audit trail</h2>
      <p class="muted">Every access to your data and every act of yours, newest first.</p>
      <div class="scroll">
        <table>
          <thead><tr><th>When</th><th>Who</th><th>What</th><th>Records</th></tr></thead>
          <tbody>{trail.map((t) => <tr><td>{dateTime(t.at)}</td><td>{t.actor}</td><td>{t.action}</td><td>{t.recordCount}</td></tr>)}</tbody>
        </table>
      </div>
    </>
  );
}
