import { beforeEach, describe, expect, it } from 'vitest';
import { rememberReturnPath, safeReturnPath, takeReturnPath } from './session';

beforeEach(() => sessionStorage.clear());

describe('where sign-in returns to', () => {
  it('keeps same-origin app paths only', () => {
    expect(safeReturnPath('/accounts?relation=muted')).toBe('/accounts?relation=muted');
    expect(safeReturnPath('/settings')).toBe('/settings');
    for (const unsafe of ['//attacker.example/x', '/\\attacker.example', 'https://attacker.example/', 'javascript:alert(1)', '', null]) {
      expect(safeReturnPath(unsafe)).toBeNull();
    }
    expect(safeReturnPath('/')).toBeNull();
    expect(safeReturnPath('/signed-in')).toBeNull();
  });

  it('is taken once, and the landing page itself forgets it', () => {
    rememberReturnPath('/accounts/123');
    expect(takeReturnPath()).toBe('/accounts/123');
    expect(takeReturnPath()).toBeNull();
    rememberReturnPath('/settings');
    rememberReturnPath('/');
    expect(takeReturnPath()).toBeNull();
  });
});
