import { Avatar } from '../../components/avatar';
import { LockMark } from '../../components/lock-mark';
import { RelationBadges } from '../../components/relation-badges';
import type { components } from '../../lib/api/schema';
import { formatDate, plural } from '../../lib/format';
import { followLink } from '../../lib/router';

type Account = components['schemas']['AccountResponse'];
type SearchField = components['schemas']['SearchField'];

const fieldNames: Record<SearchField, string> = { handle: 'handle', name: 'name', reason: 'a reason', tag: 'a tag' };

/** "Found in handle and a reason", for an account a search found; null when the list was not searched. */
export function matchedInText(fields: readonly SearchField[] | null | undefined): string | null {
  if (!fields || fields.length === 0) return null;
  const names = fields.map((field) => fieldNames[field]);
  const last = names.pop();
  return `Found in ${names.length > 0 ? `${names.join(', ')} and ${last}` : last}`;
}

/** One account in the list: picture, handle and name, relations, where a search found it, and the latest reason's first words. */
export function AccountRow({
  account,
  selected,
  current = false,
  onToggle,
}: {
  account: Account;
  selected?: boolean;
  /** The row the keyboard is on. */
  current?: boolean;
  /** Ticks or unticks the account; shift extends from the last one ticked. */
  onToggle?: (checked: boolean, shift: boolean) => void;
}) {
  const latest = account.latestReason;
  const matched = matchedInText(account.matchedIn);
  const count = account.reasonCount;
  return (
    <li className={current ? 'account-row current' : 'account-row'} aria-current={current ? 'true' : undefined}>
      {onToggle && (
        <input
          type="checkbox"
          className="select"
          checked={selected ?? false}
          aria-label={`Select @${account.handle}`}
          onClick={(event) => onToggle(event.currentTarget.checked, event.shiftKey)}
          onChange={() => undefined}
        />
      )}
      <Avatar url={account.avatarUrl} handle={account.handle} />
      <div className="account-main">
        <p className="account-title">
          <a href={`/accounts/${account.id}`} onClick={followLink}>
            @{account.handle || account.providerAccountId}
          </a>{' '}
          {account.displayName && <span className="muted">{account.displayName}</span>} <LockMark />
        </p>
        <RelationBadges relations={account.relations} />
        {matched && <p className="matched-in muted">{matched}</p>}
        {latest ? (
          <p className="snippet">
            <span className="muted">
              {formatDate(latest.occurredAt ?? latest.createdAt)} · {latest.action} · {plural(count, 'reason')}:
            </span>{' '}
            {latest.text}
          </p>
        ) : (
          <p className="snippet muted">No reason written yet.</p>
        )}
      </div>
    </li>
  );
}
