import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkedText, splitLinks } from './linked-text';

afterEach(cleanup);

describe('LinkedText', () => {
  it('makes http and https addresses links that open without referrer or opener, marked nofollow', () => {
    render(<LinkedText text="See https://example.com/post/1, and http://old.example too." />);
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com/post/1', 'http://old.example']);
    for (const link of links) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(link.getAttribute('target')).toBe('_blank');
    }
  });

  it('keeps everything else as text: markup, javascript: and data: addresses never become elements or links', () => {
    const { container } = render(<LinkedText text={'<b>bold</b> javascript:alert(1) data:text/html,<script>x</script> <img src=x onerror=alert(1)>'} />);
    expect(container.querySelectorAll('b, script, img, a')).toHaveLength(0);
    expect(container.textContent).toBe('<b>bold</b> javascript:alert(1) data:text/html,<script>x</script> <img src=x onerror=alert(1)>');
  });

  it('leaves closing punctuation out of the address but keeps balanced parentheses', () => {
    expect(splitLinks('(see https://example.com/a).')).toEqual([{ text: '(see ' }, { text: 'https://example.com/a', href: 'https://example.com/a' }, { text: ').' }]);
    expect(splitLinks('https://en.example/wiki/Foo_(bar)')[0]?.href).toBe('https://en.example/wiki/Foo_(bar)');
    expect(splitLinks('no links here')).toEqual([{ text: 'no links here' }]);
  });
});
