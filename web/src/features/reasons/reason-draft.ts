// A reason as the editor holds it, and the conversions to and from the API's shapes.
import type { components } from '../../lib/api/schema';
import { maxTags, maxTextLength } from '../../lib/reason-limits';

export type Reason = components['schemas']['ReasonResponse'];

export const actions = ['block', 'mute', 'follow', 'unblock', 'unmute', 'unfollow', 'other'] as const;

export interface ReasonDraft {
  action: string;
  text: string;
  tags: string;
}

export const emptyDraft: ReasonDraft = { action: 'block', text: '', tags: '' };

type Relations = components['schemas']['RelationsResponse'];

/** A new reason's action follows the account's relation now: blocked → block, muted → mute, followed → follow. */
export function draftForRelations(relations: Relations | null | undefined): ReasonDraft {
  if (relations?.blocked?.active) return { ...emptyDraft, action: 'block' };
  if (relations?.muted?.active) return { ...emptyDraft, action: 'mute' };
  if (relations?.following?.active) return { ...emptyDraft, action: 'follow' };
  return emptyDraft;
}

export function draftFrom(reason: Reason | null | undefined): ReasonDraft {
  if (!reason) return emptyDraft;
  return { action: reason.action ?? 'other', text: reason.text ?? '', tags: (reason.tags ?? []).join(', ') };
}

/** Tags typed as "spam, scam ,spam" → ["spam", "scam"]: trimmed, empty ones dropped, each once. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export function sameDraft(a: ReasonDraft, b: ReasonDraft): boolean {
  return a.action === b.action && a.text === b.text && parseTags(a.tags).join('\n') === parseTags(b.tags).join('\n');
}

/** What is wrong with a draft, as a sentence, or null when it can be saved. */
export function draftProblem(draft: ReasonDraft): string | null {
  if (!draft.text.trim()) return 'Write the reason before saving.';
  if ([...draft.text].length > maxTextLength) return `A reason holds up to ${maxTextLength.toLocaleString()} characters.`;
  if (parseTags(draft.tags).length > maxTags) return `A reason holds up to ${maxTags} tags.`;
  return null;
}
