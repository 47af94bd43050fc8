// Every call the pages make goes through here: the same REST API programs use, with the session's
// bearer token, renewed once with the refresh token when it has expired.
import { ApiError, errorOf } from "./problems";
import { clearSession, currentSession, saveSession, type Session } from "./session";

let refreshing: Promise<boolean> | null = null;

async function refresh(): Promise<boolean> {
  const session = currentSession();
  if (!session) return false;
  const response = await fetch("/api/v1/auth/refresh", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!response.ok) {
    clearSession();
    return false;
  }
  saveSession((await response.json()) as Session);
  return true;
}

function withToken(init: RequestInit): RequestInit {
  const headers = new Headers(init.headers);
  const session = currentSession();
  if (session) headers.set("authorization", `Bearer ${session.accessToken}`);
  return { ...init, headers };
}

/** A fetch with the session's token; a 401 renews the token once and repeats the request. */
export async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response = await fetch(path, withToken(init));
  if (response.status === 401 && currentSession()) {
    refreshing ??= refresh().finally(() => (refreshing = null));
    if (await refreshing) response = await fetch(path, withToken(init));
    else onSignedOut();
  }
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function query(parameters: Record<string, string | number | undefined | null | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((item) => search.append(name, item));
    else search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

let signedOutListener: () => void = () => {};

export function onSignOut(listener: () => void): void {
  signedOutListener = listener;
}

function onSignedOut(): void {
  signedOutListener();
}

export { ApiError };
