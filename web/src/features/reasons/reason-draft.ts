// A reason as the editor holds it, and the conversions to and from the API's shapes.
import type { components } from '../../lib/api/schema';
import { localDay, noonOf, today } from '../../lib/dates';
import { maxTags, maxTextLength } from '../../lib/reason-limits';

export type Reason = components['schemas']['ReasonResponse'];

export type ReasonAction = Reason['action'];

export const actions = ['block', 'mute', 'follow', 'unblock', 'unmute', 'unfollow', 'other'] as const satisfies readonly ReasonAction[];

export interface ReasonDraft {
  action: ReasonAction;
  text: string;
  tags: string;
  /** When it happened, as the date field holds it (YYYY-MM-DD, the person's own calendar). */
  occurredOn: string;
  /** What to send as occurredAt: set by the editor only when the date was changed, so an untouched one means "now" (or "keep"). */
  occurredAt?: string;
}

/** A new reason: it happened today unless the person says otherwise. */
export function emptyDraft(): ReasonDraft {
  return { action: 'block', text: '', tags: '', occurredOn: today() };
}

type Relations = components['schemas']['RelationsResponse'];

/** A new reason's action follows the account's relation now: blocked → block, muted → mute, followed → follow. */
export function draftForRelations(relations: Relations | null | undefined): ReasonDraft {
  if (relations?.blocked?.active) return { ...emptyDraft(), action: 'block' };
  if (relations?.muted?.active) return { ...emptyDraft(), action: 'mute' };
  if (relations?.following?.active) return { ...emptyDraft(), action: 'follow' };
  return emptyDraft();
}

export function draftFrom(reason: Reason | null | undefined): ReasonDraft {
  if (!reason) return emptyDraft();
  return {
    action: reason.action,
    text: reason.text,
    tags: reason.tags.join(', '),
    occurredOn: localDay(reason.occurredAt ?? reason.createdAt),
  };
}

/** The draft to send: occurredAt only when the date differs from where the editor started (noon of that day, so every time zone reads the same day). */
export function withOccurredAt(draft: ReasonDraft, initial: ReasonDraft): ReasonDraft {
  return { ...draft, occurredAt: draft.occurredOn === initial.occurredOn ? undefined : noonOf(draft.occurredOn) };
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
  return (
    a.action === b.action && a.text === b.text && a.occurredOn === b.occurredOn && parseTags(a.tags).join('\n') === parseTags(b.tags).join('\n')
  );
}

/** What is wrong with a draft, as a sentence, or null when it can be saved. */
export function draftProblem(draft: ReasonDraft): string | null {
  if (!draft.text.trim()) return 'Write the reason before saving.';
  if ([...draft.text].length > maxTextLength) return `A reason holds up to ${maxTextLength.toLocaleString()} characters.`;
  if (parseTags(draft.tags).length > maxTags) return `A reason holds up to ${maxTags} tags.`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.occurredOn) || draft.occurredOn < '1990-01-01' || draft.occurredOn > today())
    return 'Say when it happened: a date from 1990 until today.';
  return null;
}
