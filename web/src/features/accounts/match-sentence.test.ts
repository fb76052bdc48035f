import { describe, expect, it } from 'vitest';
import { matchSentence } from './accounts-page';

describe('matchSentence', () => {
  it('says how many accounts match, or how many there are without filters', () => {
    expect(matchSentence(251, false)).toBe('251 accounts in all.');
    expect(matchSentence(1, true)).toBe('1 account matches.');
    expect(matchSentence(1_204, true)).toBe(`${(1204).toLocaleString()} accounts match.`);
  });
});
