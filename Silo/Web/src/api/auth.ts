// Signing in and out through /api/v1/auth: a password, or the one-time link `./datapunk up` prints.
import { sendJson } from "./client";
import { clearSession, currentSession, saveSession, type Session } from "./session";

export interface Me {
  userName: string;
  role: string;
  displayName: string | null;
  email: string | null;
  timeZone: string | null;
  scopes: string[];
}

export async function signIn(userName: string, password: string): Promise<Session> {
  const session = await sendJson<Session>("POST", "/api/v1/auth/sign-in", { userName, password });
  saveSession(session);
  return session;
}

export async function redeemLink(code: string, newPassword: string): Promise<Session> {
  const session = await sendJson<Session>("POST", "/api/v1/auth/link", { code, newPassword });
  saveSession(session);
  return session;
}

/** Ends the session on the server (its JWT is refused at once) and forgets it here. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  if (session) await sendJson("DELETE", `/api/v1/me/sessions/${session.sessionId}`).catch(() => undefined);
  clearSession();
}
