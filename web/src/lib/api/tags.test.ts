import { describe, expect, it } from 'vitest';
import { tagHref, tagSuggestions } from './tags';

describe('tagSuggestions', () => {
  it('completes the tag being typed after the last comma, leaving out tags already there', () => {
    expect(tagSuggestions('sp', ['spam', 'sport', 'bots'])).toEqual(['spam', 'sport']);
    expect(tagSuggestions('spam, b', ['spam', 'bots', 'Bigots'])).toEqual(['spam, bots', 'spam, Bigots']);
    expect(tagSuggestions('spam,', ['spam', 'bots'])).toEqual(['spam, bots']);
  });

  it('links a tag to the accounts list filtered by it, encoded', () => {
    expect(tagHref('café & co')).toBe('/accounts?tag=caf%C3%A9+%26+co');
  });
});
