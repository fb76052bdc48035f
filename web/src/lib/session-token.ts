// The bearer token of this browser tab's session. sessionStorage: it ends with the tab and is never sent anywhere
// except in the Authorization header of our own API calls.
const key = 'reasonable.token';

export function readToken(): string | null {
  return sessionStorage.getItem(key);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(key);
}
