// Text with its web addresses as links: http and https only, opened without a referrer or an opener and marked
// nofollow. Everything else stays a text node; nothing is ever parsed as HTML.
import { Fragment } from 'react';

const address = /\bhttps?:\/\/[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}'"»”’]+$/;

export interface TextPart {
  text: string;
  href?: string;
}

/** Splits text into plain parts and web addresses (closing punctuation stays out of the address). */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(address)) {
    const start = match.index;
    let url = match[0];
    const tail = trailing.exec(url)?.[0] ?? '';
    if (tail && !(tail.startsWith(')') && url.includes('('))) url = url.slice(0, url.length - tail.length);
    if (!isWebAddress(url)) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function isWebAddress(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.href ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
