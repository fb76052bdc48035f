import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdNavigation, navigate } from './router';

describe('navigation guard', () => {
  afterEach(() => navigate('/', { force: true }));

  it('asks before leaving while something holds navigation, and stays when told to', () => {
    const confirm = vi.fn(() => false);
    window.confirm = confirm; // happy-dom has no dialogs
    navigate('/accounts/1');
    const release = holdNavigation('You have an unsaved reason. Leave without saving it?');

    expect(navigate('/settings')).toBe(false);
    expect(confirm).toHaveBeenCalledWith('You have an unsaved reason. Leave without saving it?');
    expect(window.location.pathname).toBe('/accounts/1');

    release();
    expect(navigate('/settings')).toBe(true);
    expect(window.location.pathname).toBe('/settings');
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('leaves, dropping every hold, when the person agrees', () => {
    window.confirm = vi.fn(() => true);
    holdNavigation('a');
    holdNavigation('b');
    expect(navigate('/accounts')).toBe(true);
    expect(navigate('/settings')).toBe(true);
    expect(window.confirm).toHaveBeenCalledTimes(1);
  });
});
