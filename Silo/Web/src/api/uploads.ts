// Resumable uploads (tus 1.0.0, POST/HEAD/PATCH /api/v1/uploads): a file goes in pieces, and an
// upload cut off (a closed tab, a lost connection) resumes from the offset the server reports.
import { errorOf } from "./problems";
import { send } from "./client";

const pieceBytes = 8 * 1024 * 1024;
const tus = { "tus-resumable": "1.0.0" };

export interface UploadProgress {
  sent: number;
  total: number;
  /** Set while a piece that failed (a lost connection, a busy silo) is about to be sent again: which attempt, and why. */
  retrying?: { attempt: number; of: number; reason: string };
}

/** Times a piece is tried before the upload stops (it can then be resumed by choosing the file again). */
export const pieceAttempts = 6;

/** Answers worth sending a piece again for: a conflicting offset (a piece sent twice), too many requests, the cluster recovering. */
const retryable = new Set([409, 423, 429, 500, 502, 503, 504]);

function fingerprint(file: File): string {
  return `datapunk.upload.${file.name}.${file.size}.${file.lastModified}`;
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

async function create(file: File): Promise<string> {
  const response = await send("/api/v1/uploads", {
    method: "POST",
    headers: { ...tus, "upload-length": String(file.size), "upload-metadata": `filename ${base64(file.name)}` },
  });
  if (response.status !== 201) throw await errorOf(response);
  return response.headers.get("location")!;
}

/** The offset to go on from, or null when the upload is gone (expired, imported, removed); throws when the server could not say. */
async function offsetOf(location: string): Promise<number | null> {
  const response = await send(location, { method: "HEAD", headers: tus });
  if (response.status === 404 || response.status === 410) return null;
  if (!response.ok) throw await errorOf(response);
  return Number(response.headers.get("upload-offset"));
}

/** Uploads the file, resuming an earlier upload of the same file; answers the upload id. */
export async function upload(file: File, progress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  const remembered = localStorage.getItem(fingerprint(file));
  let location = remembered;
  let offset = remembered ? await offsetOf(remembered).catch(() => null) : null;
  if (offset === null) {
    location = await create(file);
    offset = 0;
    localStorage.setItem(fingerprint(file), location);
  }
  progress({ sent: offset, total: file.size });
  let failures = 0;
  while (offset < file.size) {
    const piece = file.slice(offset, Math.min(file.size, offset + pieceBytes));
    let reason: string;
    try {
      const response = await send(location!, {
        method: "PATCH",
        headers: { ...tus, "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
        body: piece,
        signal,
      });
      if (response.status === 204) {
        offset = Number(response.headers.get("upload-offset"));
        failures = 0;
        progress({ sent: offset, total: file.size });
        continue;
      }
      const refused = await errorOf(response);
      if (!retryable.has(response.status)) throw refused;
      reason = refused.message;
    } catch (e) {
      // fetch rejects with a TypeError when the connection fails; anything else is the server's answer or the caller's abort.
      if (signal?.aborted || !(e instanceof TypeError)) throw e;
      reason = "the connection was lost";
    }
    if (++failures >= pieceAttempts) {
      throw new Error(`The upload of ${file.name} stopped at ${offset} of ${file.size} bytes: ${reason} ${pieceAttempts} times. Choose the file again to go on from there.`);
    }
    progress({ sent: offset, total: file.size, retrying: { attempt: failures + 1, of: pieceAttempts, reason } });
    await pause(Math.min(8000, 500 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2), signal);
    // The server says how much it kept: part of the failed piece may have arrived.
    const kept = await offsetOf(location!).catch(() => offset);
    if (kept === null) throw new Error(`The upload of ${file.name} is gone from the server (it expired or was removed): choose the file again to start over.`);
    offset = kept;
  }
  localStorage.removeItem(fingerprint(file));
  return location!.split("/").pop()!;
}

function pause(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener("abort", () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}
