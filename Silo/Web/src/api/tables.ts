// The caller's own tables (docs/catalog.md, "Uploaded tables"): the file is the request body.
import { errorOf } from "./problems";
import { getJson, query, send, sendJson } from "./client";

export interface TableColumn { name: string; type: string; source: string }
export interface TablePreview { format: string; columns: TableColumn[]; rows: (string | null)[][]; sampledRows: number; delimiter: string | null; encoding: string | null; sheet: string | null }
export interface UserTable { name: string; fileName: string; format: string; columns: TableColumn[]; rowCount: number; byteCount: number; createdAt: string; updatedAt: string }
export interface UserTableRows { table: UserTable; offset: number; rows: Record<string, unknown>[]; next: number | null }

export const columnTypes = ["text", "bigint", "numeric", "double precision", "boolean", "date", "timestamptz"];

/** Corrections by inferred column name: a type, a new name, or left out. */
export interface Corrections { types: Record<string, string>; renames: Record<string, string>; skip: string[] }

function parameters(file: File, corrections: Corrections): Record<string, string | string[]> {
  return {
    fileName: file.name,
    type: Object.entries(corrections.types).map(([column, type]) => `${column}:${type}`),
    rename: Object.entries(corrections.renames).filter(([column, name]) => name && name !== column).map(([column, name]) => `${column}:${name}`),
    skip: corrections.skip,
  };
}

async function postFile<T>(path: string, file: File): Promise<T> {
  const response = await send(path, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: file });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export const previewTable = (file: File, corrections: Corrections) =>
  postFile<TablePreview>(`/api/v1/tables/preview${query(parameters(file, corrections))}`, file);

export const storeTable = (file: File, name: string, corrections: Corrections, replace: boolean) =>
  postFile<UserTable>(`/api/v1/tables${query({ name, replace: replace ? "true" : undefined, ...parameters(file, corrections) })}`, file);

export const listTables = () => getJson<UserTable[]>("/api/v1/tables");

export const showTable = (name: string, offset = 0) =>
  getJson<UserTableRows>(`/api/v1/tables/${encodeURIComponent(name)}${query({ offset: offset > 0 ? String(offset) : undefined, limit: "20" })}`);

export const deleteTable = (name: string) => sendJson<void>("DELETE", `/api/v1/tables/${encodeURIComponent(name)}`);
