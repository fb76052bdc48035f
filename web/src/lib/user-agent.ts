// "Firefox on Linux" from a User-Agent, by ua-parser-js (MIT, 1.x): what Settings says each session is.
import { UAParser } from 'ua-parser-js';

export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'An unknown browser';
  const parsed = new UAParser(userAgent).getResult();
  const browser = parsed.browser.name;
  const system = parsed.os.name;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  const program = /^[A-Za-z][\w.-]{0,40}/.exec(userAgent)?.[0];
  return program ? `A program (${program})` : 'An unknown browser';
}
