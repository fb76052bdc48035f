// "Keep me signed in on this device", chosen on the sign-in page and carried across the provider's pages to
// /signed-in (this tab's sessionStorage), where the code exchange asks for a lasting cookie. Off unless chosen.
const key = 'reasonable.keepSignedIn';

export function chooseKeepSignedIn(keep: boolean): void {
  if (keep) sessionStorage.setItem(key, '1');
  else sessionStorage.removeItem(key);
}

export function takeKeepSignedIn(): boolean {
  const keep = sessionStorage.getItem(key) === '1';
  sessionStorage.removeItem(key);
  return keep;
}
