// Acting on someone who is not in Reasonable yet: their handle (name@instance), block or mute, an optional reason.
// POST /api/accounts/actions finds them on the provider, acts, and stores them with the reason; then their page
// opens. Shown only when the user's provider lets Reasonable block or mute. One submission keeps its
// Idempotency-Key across retries; changing what is sent makes a new one.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { ApiError } from '../../lib/api/problem';
import type { Provider } from '../../lib/api/providers';
import type { components } from '../../lib/api/schema';
import { newIdempotencyKey } from '../../lib/idempotency-key';
import { navigate } from '../../lib/router';
import { actionProgress, actionVerbs } from '../../lib/account-actions';
import { maxTextLength } from '../../lib/reason-limits';
import { MuteDurationField } from '../../components/mute-duration-field';

type ByHandleRequest = components['schemas']['AccountActionByHandleRequest'];
const choices = ['block', 'mute'] as const;
type Choice = (typeof choices)[number];

/** "@Name@Server.example " → "Name@Server.example"; null when it cannot be a handle (spaces, several @, nothing). */
export function cleanHandle(text: string): string | null {
  const handle = text.trim().replace(/^@/, '');
  return /^[^\s@/]+(@[^\s@/]+\.[^\s@/]+)?$/.test(handle) ? handle : null;
}

export function ActByHandle({ provider }: { provider: Provider | undefined }) {
  const id = useId();
  const queryClient = useQueryClient();
  const offered = choices.filter((choice) => provider?.actions.includes(choice));
  const [handle, setHandle] = useState('');
  const [chosen, setChosen] = useState<Choice | ''>('');
  const [duration, setDuration] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const handleInput = useRef<HTMLInputElement>(null);
  if (!provider || offered.length === 0) return null;
  const action: Choice = chosen && offered.includes(chosen) ? chosen : (offered[0] ?? 'block');
  const withDuration = action === 'mute' && provider.muteDurations;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !provider) return;
    const clean = cleanHandle(handle);
    if (!clean) {
      setError(new Error(`Type the account's handle, like name@${provider.needsInstance ? 'mastodon.social' : 'example'}, without spaces.`));
      handleInput.current?.focus();
      return;
    }
    if ([...text].length > maxTextLength) {
      setError(new Error(`A reason holds up to ${maxTextLength.toLocaleString()} characters.`));
      return;
    }
    const request: ByHandleRequest = { handle: clean, action };
    if (withDuration && duration) request.muteDurationSeconds = Number(duration);
    if (text.trim()) request.reason = { text, tags: [] };
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(api.POST('/api/accounts/actions', { body: request, headers: { 'Idempotency-Key': attempt.current.key } }));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      navigate(`/accounts/${encodeURIComponent(result.account.id)}`);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404
          ? new Error(`${provider.displayName} has no account ${clean}. Check the spelling, and the server after the @.`)
          : caught,
      );
      setBusy(false);
    }
  }

  return (
    <section className="act-by-handle" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Block or mute someone by handle</h2>
      <form className="filters" aria-labelledby={`${id}-title`} noValidate onSubmit={(event) => void submit(event)}>
        <div className="field grow">
          <label htmlFor={`${id}-handle`}>Handle</label>
          <input
            id={`${id}-handle`}
            ref={handleInput}
            value={handle}
            placeholder={provider.needsInstance ? 'name@mastodon.social' : 'name'}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setHandle(event.target.value)}
          />
        </div>
        {offered.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-action`}>Action</label>
            <select id={`${id}-action`} value={action} onChange={(event) => setChosen(event.target.value as Choice)}>
              {offered.map((choice) => (
                <option key={choice} value={choice}>
                  {actionVerbs[choice]}
                </option>
              ))}
            </select>
          </div>
        )}
        {withDuration && <MuteDurationField id={`${id}-duration`} value={duration} onChange={setDuration} />}
        <div className="field grow">
          <label htmlFor={`${id}-reason`}>Reason (optional)</label>
          <input id={`${id}-reason`} value={text} maxLength={maxTextLength * 2} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="field actions">
          {busy ? (
            <Busy label={actionProgress[action]} />
          ) : (
            <button type="submit" className={action === 'block' ? 'danger' : 'primary'}>
              {actionVerbs[action]} on {provider.displayName}
            </button>
          )}
        </div>
      </form>
      <ErrorAlert error={error} />
    </section>
  );
}
