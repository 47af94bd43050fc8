// Imports of uploaded archives (docs/api.md, "Uploads and imports").
import { getJson, query, sendJson } from "./client";
import { readEvents } from "./events";

export type ImportState = "Created" | "Receiving" | "Scanning" | "Parsing" | "Indexing" | "Completed" | "Failed" | "Cancelled";

export interface ImportProgress {
  importId: string;
  status: ImportState;
  paths: string[];
  createdAt: string;
  finishedAt: string | null;
  files: { total: number | null; imported: number; skipped: number; failed: number; unchanged: number; rejected: number; done: number };
  bytesDone: number;
  bytesTotal: number | null;
  records: Record<string, number>;
  duplicates: number;
  rejectedRecords: Record<string, number>;
  recordsPerSecond: number;
  etaSeconds: number | null;
  currentFile: string | null;
  errors: { file: string; message: string }[];
  message: string | null;
}

export interface ImportFileReport {
  file: string;
  status: string;
  formatId: string | null;
  recordsStored: number;
  duplicates: number;
  message: string | null;
}

/** What deleting an import removes and leaves (docs/catalog.md, "Deleting an export"): a preview, or what went. */
export interface ImportDeletion {
  importId: string;
  fileId: number | null;
  deleted: boolean;
  files: { fileId: number; path: string; formatId: string | null; rows: number }[];
  records: Record<string, number>;
  totalRecords: number;
  embeddings: number;
  overlapping: { fileId: number; importId: string; path: string; sharedRecords: number; rereadable: boolean; reason: string | null }[];
  keptOriginals: string[];
  models: { kind: string; version: number; status: string; dataFrom: string; dataTo: string }[];
  rereadImportId: string | null;
  lossAccepted: boolean;
}

export const finished = (state: ImportState) => state === "Completed" || state === "Failed" || state === "Cancelled";

export const startImport = (uploads: string[]) => sendJson<ImportProgress>("POST", "/api/v1/imports", { uploads });
export const listImports = () => getJson<ImportProgress[]>("/api/v1/imports");
export const importFiles = (id: string) => getJson<ImportFileReport[]>(`/api/v1/imports/${id}/files`);
export const cancelImport = (id: string) => sendJson<ImportProgress>("POST", `/api/v1/imports/${id}/cancel`);

export const deleteImport = (id: string, options: { dryRun?: boolean; acceptLoss?: boolean } = {}) =>
  sendJson<ImportDeletion>("DELETE", `/api/v1/imports/${id}${query({ dryRun: options.dryRun ? "true" : undefined, acceptLoss: options.acceptLoss ? "true" : undefined })}`);

/** Follows an import's server-sent progress events until it ends. */
export async function follow(id: string, onProgress: (p: ImportProgress) => void, signal: AbortSignal): Promise<void> {
  for await (const event of readEvents(`/api/v1/imports/${id}/events`, { signal })) {
    if (event.event === "progress") onProgress(JSON.parse(event.data) as ImportProgress);
  }
}
