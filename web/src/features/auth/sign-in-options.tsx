// The ways in, from GET /api/providers: a button per provider, and for one that needs a server (Mastodon) a
// labelled field for it first. Signing in is a full-page navigation to the API, which sends the browser on.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Busy } from '../../components/busy';
import { errorMessage } from '../../lib/api/problem';
import { signInHref, useProviders, type Provider } from '../../lib/api/providers';
import { chooseKeepSignedIn } from './keep-signed-in';

function leaveFor(url: string): void {
  window.location.assign(url);
}

export function InstanceSignIn({ provider, go = leaveFor }: { provider: Provider; go?: (url: string) => void }) {
  const id = useId();
  const [instance, setInstance] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = instance.trim();
    if (!value) {
      setProblem(`Type the name of your ${provider.displayName} server, for example mastodon.social.`);
      event.currentTarget.querySelector('input')?.focus();
      return;
    }
    setProblem(null);
    go(signInHref(provider, value));
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Sign in with ${provider.displayName}`}>
      <label htmlFor={`${id}-instance`}>Your server</label>
      <input
        id={`${id}-instance`}
        name="instance"
        value={instance}
        placeholder="mastodon.social"
        autoComplete="url"
        autoCapitalize="none"
        spellCheck={false}
        required
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(event) => setInstance(event.target.value)}
      />
      <span id={`${id}-hint`} className="hint">
        The server your account is on. Your handle works too, like @you@mastodon.social.
      </span>
      {problem && (
        <p id={`${id}-problem`} className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary large">
        Sign in with {provider.displayName}
      </button>
    </form>
  );
}

/** "Keep me signed in on this device": off unless ticked, so a shared computer forgets the session with the browser. */
export function KeepSignedInChoice() {
  const id = useId();
  const [keep, setKeep] = useState(false);
  useEffect(() => chooseKeepSignedIn(keep), [keep]);
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={keep} onChange={(event) => setKeep(event.target.checked)} aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>Keep me signed in on this device</label>
      <span id={`${id}-hint`} className="hint">
        For 30 days, even after the browser closes. Leave it off on a shared computer: you are then signed out when the browser closes.
      </span>
    </div>
  );
}

export function SignInOptions() {
  const providers = useProviders();
  if (providers.isPending) return <Busy label="Finding the ways to sign in…" />;
  if (providers.error) {
    return (
      <div className="error" role="alert">
        <p>The ways to sign in could not be loaded, so you cannot sign in right now. {errorMessage(providers.error)}</p>
        <button type="button" onClick={() => void providers.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (providers.data.length === 0) return <p className="notice">This server has no way to sign in set up yet.</p>;
  return (
    <div className="sign-in">
      <KeepSignedInChoice />
      {providers.data.map((provider) =>
        provider.needsInstance ? (
          <InstanceSignIn key={provider.name} provider={provider} />
        ) : (
          <a key={provider.name} className="button primary large" href={signInHref(provider)}>
            Sign in with {provider.displayName}
          </a>
        ),
      )}
    </div>
  );
}
