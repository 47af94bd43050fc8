// The SQL workbench's routes (docs/api.md, "SQL workbench").
import { getJson, send, sendJson } from "./client";
import { errorOf } from "./problems";

export interface SqlColumn { name: string; type: string }
export type SqlValue = string | number | boolean | null;
export interface SqlResult { columns: SqlColumn[]; rows: SqlValue[][]; truncated: boolean; elapsedMs: number; cached: boolean }
export interface SqlFailure { message: string; position: number | null; hint: string | null }
export interface SqlHistoryEntry { id: number; sql: string; ranAt: string; elapsedMs: number; rowCount: number; truncated: boolean; cached: boolean; error: string | null }
export interface SavedSql { id: number; name: string; sql: string; updatedAt: string }

/** Runs a query (or plans it); a query PostgreSQL refuses comes back as its message and the position in the SQL. */
export async function runSql<T>(path: "/api/v1/sql" | "/api/v1/sql/explain", body: { sql: string; limit?: number; unmasked?: boolean }): Promise<T | SqlFailure> {
  const response = await send(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.ok) return (await response.json()) as T;
  if (response.status !== 400) throw await errorOf(response);
  const problem = (await response.json()) as { detail?: string; title?: string; position?: number | null; hint?: string | null };
  return { message: problem.detail ?? problem.title ?? "The query failed.", position: problem.position ?? null, hint: problem.hint ?? null };
}

export const isFailure = (value: unknown): value is SqlFailure => typeof value === "object" && value !== null && "message" in value && !("columns" in value);
export interface WrittenSql { sql: string; explanation: string | null }
// A query the configured language model wrote for a question; it is only shown, never run, here.
export const writeSql = (question: string) => sendJson<WrittenSql>("POST", "/api/v1/sql/from-question", { question });
export const hasModelServer = () => getJson<{ servers: unknown[] }>("/api/v1/me/model-servers").then((p) => p.servers.length > 0);
export const sqlHistory = () => getJson<SqlHistoryEntry[]>("/api/v1/sql/history?limit=30");
export const savedSql = () => getJson<SavedSql[]>("/api/v1/sql/saved");
export const saveSql = (name: string, sql: string) => sendJson<SavedSql>("POST", "/api/v1/sql/saved", { name, sql });
export const deleteSql = (id: number) => sendJson<void>("DELETE", `/api/v1/sql/saved/${id}`);
