import { errorMessage } from '../lib/api/problem';

/** An error as a sentence, announced to screen readers. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
