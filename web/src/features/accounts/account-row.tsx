import { Avatar } from '../../components/avatar';
import { LockMark } from '../../components/lock-mark';
import { RelationBadges } from '../../components/relation-badges';
import type { components } from '../../lib/api/schema';
import { formatDate, plural } from '../../lib/format';
import { followLink } from '../../lib/router';

type Account = components['schemas']['AccountResponse'];

/** One account in the list: picture, handle and name, relations, and the latest reason's first words. */
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
  const count = account.reasonCount ?? 0;
  return (
    <li className={current ? 'account-row current' : 'account-row'} aria-current={current ? 'true' : undefined}>
      {onToggle && (
        <input
          type="checkbox"
          className="select"
          checked={selected ?? false}
          aria-label={`Select @${account.handle ?? account.providerAccountId ?? ''}`}
          onClick={(event) => onToggle(event.currentTarget.checked, event.shiftKey)}
          onChange={() => undefined}
        />
      )}
      <Avatar url={account.avatarUrl} handle={account.handle} />
      <div className="account-main">
        <p className="account-title">
          <a href={`/accounts/${account.id ?? ''}`} onClick={followLink}>
            @{account.handle ?? account.providerAccountId}
          </a>{' '}
          {account.displayName && <span className="muted">{account.displayName}</span>} <LockMark />
        </p>
        <RelationBadges relations={account.relations} />
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
