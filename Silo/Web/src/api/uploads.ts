// Resumable uploads (tus 1.0.0, POST/HEAD/PATCH /api/v1/uploads): a file goes in pieces, and an
// upload cut off (a closed tab, a lost connection) resumes from the offset the server reports.
import { errorOf } from "./problems";
import { send } from "./client";

const pieceBytes = 8 * 1024 * 1024;
const tus = { "tus-resumable": "1.0.0" };

export interface UploadProgress {
  sent: number;
  total: number;
}

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

/** The offset to go on from, or null when the upload is gone (expired, imported, removed). */
async function offsetOf(location: string): Promise<number | null> {
  const response = await send(location, { method: "HEAD", headers: tus });
  return response.ok ? Number(response.headers.get("upload-offset")) : null;
}

/** Uploads the file, resuming an earlier upload of the same file; answers the upload id. */
export async function upload(file: File, progress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<string> {
  const remembered = localStorage.getItem(fingerprint(file));
  let location = remembered;
  let offset = remembered ? await offsetOf(remembered) : null;
  if (offset === null) {
    location = await create(file);
    offset = 0;
    localStorage.setItem(fingerprint(file), location);
  }
  progress({ sent: offset, total: file.size });
  while (offset < file.size) {
    const piece = file.slice(offset, Math.min(file.size, offset + pieceBytes));
    const response = await send(location!, {
      method: "PATCH",
      headers: { ...tus, "upload-offset": String(offset), "content-type": "application/offset+octet-stream" },
      body: piece,
      signal,
    });
    if (response.status !== 204) throw await errorOf(response);
    offset = Number(response.headers.get("upload-offset"));
    progress({ sent: offset, total: file.size });
  }
  localStorage.removeItem(fingerprint(file));
  return location!.split("/").pop()!;
}
