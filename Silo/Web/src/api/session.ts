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
  sessionStorage.removeItem(profileKey);
}

// The signed-in user's profile (GET /api/v1/me) as last read in this tab, so a page opened again draws
// at once with it while the silo is asked again; kept beside the session it belongs to, and read only
// for that session's user.
const profileKey = "datapunk.profile";

export function rememberedProfile<T>(): T | null {
  const stored = sessionStorage.getItem(profileKey);
  if (!stored) return null;
  const { userId, profile } = JSON.parse(stored) as { userId: string; profile: T };
  return userId === currentSession()?.userId ? profile : null;
}

export function rememberProfile<T>(profile: T): void {
  const userId = currentSession()?.userId;
  if (userId) sessionStorage.setItem(profileKey, JSON.stringify({ userId, profile }));
}
