// What Reasonable keeps and who can read it, in plain words, and the ways in (one per provider this server offers).
import { LockMark } from '../../components/lock-mark';
import { useProviders, type Provider } from '../../lib/api/providers';
import { useDocumentTitle } from '../../lib/document-title';
import { SignInOptions } from './sign-in-options';

const notices: Record<string, string> = {
  expired: 'Your session ended. Sign in again to carry on.',
  out: 'You are signed out.',
  everywhere: 'You are signed out on every browser.',
  deleted: 'Your account and every note in it are deleted.',
};

/** "X", "X or Mastodon", "A, B or C"; "your social network" before the list is known. */
export function networkNames(providers: readonly Provider[] | undefined): string {
  const names = (providers ?? []).map((provider) => provider.displayName);
  if (names.length === 0) return 'your social network';
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

export function LandingPage({ notice }: { notice?: string | null }) {
  useDocumentTitle('Sign in');
  const message = notice ? notices[notice] : undefined;
  const providers = useProviders().data;
  const networks = networkNames(providers);
  return (
    <div className="landing">
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <h1>Remember why you blocked, muted or followed someone.</h1>
      <p className="lead">
        Reasonable keeps a private, dated note — a <em>reason</em> — for each account you act on, and brings in the accounts
        you block, mute and follow on {networks} so you can write them down before you forget.
      </p>
      <SignInOptions />
      <h2>Who can read your notes</h2>
      <ul className="promises">
        <li>
          <LockMark /> <strong>Only you.</strong> Every note, and every handle and name of the accounts you acted on, is
          encrypted before it is stored.
        </li>
        <li>
          <strong>Not us.</strong> The key that opens your notes is kept on your own account on {networks}, wrapped so that
          it is useless on its own.
        </li>
        <li>
          <strong>Not someone with our database.</strong> A copy of the database, or of its backups, holds only scrambled
          text and no key that opens it.
        </li>
      </ul>
      <p className="hint">
        The limit, plainly: someone who takes over the whole running server could reach your key through your account
        while Reasonable has access to it. Removing Reasonable's access in your account's settings cuts that off.
      </p>
      <h2>What it keeps, and what it writes on your account</h2>
      <ul>
        <li>The accounts you block, mute and follow, and when that started and ended.</li>
        <li>Your reasons: the date, what you did, your words and your tags. You can edit, delete and export them.</li>
        {(providers ?? []).map((provider) => (
          <li key={provider.name}>
            On {provider.displayName}, your first sign-in makes {provider.keyList} on your account: it holds your key, wrapped by
            the server's key.
            {provider.actions.length > 0 &&
              ' Reasonable also blocks, mutes or follows there, but only when you ask it to from an account’s page.'}
          </li>
        ))}
        <li>Nothing is ever posted on your behalf. You can delete your account, and everything in it, at any time.</li>
      </ul>
      <p className="hint">
        Writing a script? The API is documented at <a href="/swagger">/swagger</a>.
      </p>
    </div>
  );
}
