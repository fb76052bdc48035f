import { describe, expect, it } from 'vitest';
import { ApiError, describeProblem, errorMessage } from './problem';

describe('problems as sentences', () => {
  it('joins title and detail into sentences', () => {
    expect(describeProblem(409, { title: 'Your key list needs attention', detail: 'Restore it with your recovery code.' })).toBe(
      'Your key list needs attention. Restore it with your recovery code.',
    );
  });

  it('says something useful without a body', () => {
    expect(describeProblem(0, {})).toMatch(/could not be reached/);
    expect(describeProblem(503, {})).toMatch(/Try again/);
  });

  it('matches problem types by name', () => {
    const error = new ApiError(412, { type: '/problems/edit-conflict' });
    expect(error.is('edit-conflict')).toBe(true);
    expect(error.is('conflict')).toBe(false);
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });
});
