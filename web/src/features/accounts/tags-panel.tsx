// Your tags with how many accounts carry each: click one to filter the list by it; rename or merge one across all
// your reasons (POST /api/tags/rename, all or nothing).
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { ErrorAlert } from '../../components/error-alert';
import { api, unwrap } from '../../lib/api/client';
import { tagHref, tagsQueryKey, useTags } from '../../lib/api/tags';
import { plural } from '../../lib/format';
import { followLink } from '../../lib/router';

export function TagsPanel({ current }: { current: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const tags = useTags();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const items = tags.data?.items ?? [];
  if (items.length === 0) return null;

  async function rename(event: FormEvent) {
    event.preventDefault();
    const source = from || items[0]?.tag || '';
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/tags/rename', { body: { from: source, to } }));
      setStatus(`Renamed “${source}” to “${to.trim()}” on ${plural(answer.reasons, 'reason')}.`);
      setTo('');
      await Promise.all([queryClient.invalidateQueries({ queryKey: tagsQueryKey }), queryClient.invalidateQueries({ queryKey: ['accounts'] })]);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="tags-panel card">
      <summary>Your tags ({items.length})</summary>
      <ul className="tags" aria-label="Your tags">
        {items.map((tag) => (
          <li key={tag.tag}>
            <a
              className="tag"
              href={tagHref(tag.tag)}
              onClick={followLink}
              aria-current={current.toLowerCase() === tag.tag.toLowerCase() ? 'true' : undefined}
            >
              {tag.tag} ({plural(tag.accounts, 'account')})
            </a>
          </li>
        ))}
      </ul>
      <form className="actions" onSubmit={(event) => void rename(event)} aria-label="Rename or merge a tag">
        <label htmlFor={`${id}-from`}>Rename</label>
        <select id={`${id}-from`} value={from || items[0]?.tag || ''} onChange={(event) => setFrom(event.target.value)}>
          {items.map((tag) => (
            <option key={tag.tag} value={tag.tag}>
              {tag.tag}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-to`}>to (an existing tag merges them)</label>
        <input id={`${id}-to`} value={to} list={`${id}-known`} onChange={(event) => setTo(event.target.value)} required />
        <datalist id={`${id}-known`}>
          {items.map((tag) => (
            <option key={tag.tag} value={tag.tag} />
          ))}
        </datalist>
        {busy ? <Busy label="Renaming…" /> : <button type="submit">Rename everywhere</button>}
      </form>
      <p className="hint" role="status">
        {status}
      </p>
      <ErrorAlert error={error} />
    </details>
  );
}
