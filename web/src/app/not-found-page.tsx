// An address that is no screen of the app (a mistyped or stale link): say so, and offer the ways back.
import { useDocumentTitle } from '../lib/document-title';
import { followLink } from '../lib/router';

export function NotFoundPage({ signedIn }: { signedIn: boolean }) {
  useDocumentTitle('Page not found');
  return (
    <div className="narrow">
      <h1>Page not found</h1>
      <p>This address is not part of Reasonable. The link may be mistyped, or it points at something that no longer exists.</p>
      <p>
        {signedIn ? (
          <>
            <a href="/accounts" onClick={followLink}>
              Go to your accounts
            </a>{' '}
            or{' '}
            <a href="/settings" onClick={followLink}>
              your settings
            </a>
            .
          </>
        ) : (
          <a href="/" onClick={followLink}>
            Go to the start page
          </a>
        )}
      </p>
    </div>
  );
}
