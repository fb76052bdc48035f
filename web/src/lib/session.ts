// The web app's session lives in an HttpOnly cookie that no script here can read (docs/security.md): this module
// only knows where to go back to after signing in, and tells the shell when a call found the session ended.
const returnKey = 'reasonable.returnTo';

/** Same-origin app paths only: "/accounts?q=x" yes, "//elsewhere.example" or "https://…" never. */
export function safeReturnPath(path: string | null | undefined): string | null {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  if (path === '/' || path.startsWith('/signed-in') || path.startsWith('/?')) return null;
  return path;
}

/** Remembers the deep link being signed in from (or forgets it, for the landing page itself). */
export function rememberReturnPath(path: string): void {
  const safe = safeReturnPath(path);
  if (safe) sessionStorage.setItem(returnKey, safe);
  else sessionStorage.removeItem(returnKey);
}

/** The remembered deep link, once: reading it forgets it. */
export function takeReturnPath(): string | null {
  const path = safeReturnPath(sessionStorage.getItem(returnKey));
  sessionStorage.removeItem(returnKey);
  return path;
}

type Listener = () => void;
const endedListeners = new Set<Listener>();

/** The shell listens: a signed-in call answered 401. */
export function onSessionEnded(listener: Listener): () => void {
  endedListeners.add(listener);
  return () => {
    endedListeners.delete(listener);
  };
}

export function sessionEnded(): void {
  for (const listener of endedListeners) listener();
}
