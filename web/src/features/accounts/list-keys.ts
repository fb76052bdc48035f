// The accounts list without the mouse: j/k or the arrows move, Enter opens, x or space selects, r starts a reason,
// ? lists the keys. Keys typed into a field, or with Ctrl, Alt or ⌘, are never taken.
import { useEffect } from 'react';

export const listShortcuts: readonly { keys: string; does: string }[] = [
  { keys: 'j or ↓', does: 'next account' },
  { keys: 'k or ↑', does: 'previous account' },
  { keys: 'Enter', does: 'open the account' },
  { keys: 'x or Space', does: 'select or unselect it' },
  { keys: 'r', does: 'write a reason about it' },
  { keys: '?', does: 'show these keys' },
];

export type ListKey = 'next' | 'previous' | 'open' | 'select' | 'reason' | 'help';

/** The list's meaning of a key press, or null when it is not the list's (typing in a field, a modifier, another key). */
export function listKeyFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): ListKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return null;
  if (target instanceof HTMLElement && target.closest('[role="dialog"]')) return null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Enter':
      return 'open';
    case 'x':
    case ' ':
      return 'select';
    case 'r':
      return 'reason';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Listens on the document while the list is shown; the handler answers whether it used the key (then nothing else gets it). */
export function useListKeys(handle: (key: ListKey) => boolean) {
  useEffect(() => {
    function keyDown(event: KeyboardEvent) {
      const key = listKeyFor(event);
      if (key && handle(key)) event.preventDefault();
    }
    document.addEventListener('keydown', keyDown);
    return () => document.removeEventListener('keydown', keyDown);
  }, [handle]);
}
