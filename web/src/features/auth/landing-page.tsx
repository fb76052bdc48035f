// What Reasonable keeps and who can read it, in plain words, and the way in.
import { LockMark } from '../../components/lock-mark';

const notices: Record<string, string> = {
  expired: 'Your session ended. Sign in again to carry on.',
  out: 'You are signed out.',
  everywhere: 'You are signed out on every browser.',
  deleted: 'Your account and every note in it are deleted.',
};

export function LandingPage({ notice }: { notice?: string | null }) {
  const message = notice ? notices[notice] : undefined;
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
        you block, mute and follow on X so you can write them down before you forget.
      </p>
      <a className="button primary large" href="/api/auth/x/login">
        Sign in with X
      </a>
      <h2>Who can read your notes</h2>
      <ul className="promises">
        <li>
          <LockMark /> <strong>Only you.</strong> Every note, and every handle and name of the accounts you acted on, is
          encrypted before it is stored.
        </li>
        <li>
          <strong>Not us.</strong> The key that opens your notes is kept on your own X account, in a private list named
          “Reasonable key (pls keep)”, wrapped so that it is useless on its own.
        </li>
        <li>
          <strong>Not someone with our database.</strong> A copy of the database, or of its backups, holds only scrambled
          text and no key that opens it.
        </li>
      </ul>
      <p className="hint">
        The limit, plainly: someone who takes over the whole running server could reach your key through X while it has
        access. Removing Reasonable's access on X cuts that off.
      </p>
      <h2>What it keeps</h2>
      <ul>
        <li>The accounts you block, mute and follow on X, and when that started and ended.</li>
        <li>Your reasons: the date, what you did, your words and your tags. You can edit, delete and export them.</li>
        <li>
          Nothing is posted on your behalf: the only thing Reasonable writes on X is that private key list. You can delete
          your account, and everything in it, at any time.
        </li>
      </ul>
      <p className="hint">
        Writing a script? The API is documented at <a href="/swagger">/swagger</a>.
      </p>
    </div>
  );
}
