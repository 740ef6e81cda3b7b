/**
 * What the user was doing when the sign-in ended: the route and the open view's unsaved input,
 * kept in sessionStorage across the redirect to sign-in and taken back (and deleted) at once on
 * return. sessionStorage belongs to this tab only and ends with it; no token is ever put there.
 */
const KEY = 'console.resume';

export interface Resume {
  route: string;
  draft?: unknown;
}

export function keepForLater(resume: Resume): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(resume));
  } catch {
    // Storage refused (private mode quota): the user signs in again and starts the edit over.
  }
}

export function takeKept(): Resume | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return raw ? (JSON.parse(raw) as Resume) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetKept(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
