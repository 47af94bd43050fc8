// The signed-in session: the access token (a 15-minute JWT) and the refresh token that renews it,
// kept in sessionStorage so they end with the browser tab and never reach another site.

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  sessionId: string;
  userId: string;
}

const key = "datapunk.session";

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(key);
  return stored ? (JSON.parse(stored) as Session) : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(key);
}
