// The account page's action buttons: only what the user's provider can do (Block or Unblock, Mute or Unmute,
// Follow or Unfollow, by the relation now), each confirmed in a dialog; or, when it can do none, why not.
import { useState } from 'react';
import type { Provider } from '../../lib/api/providers';
import type { components } from '../../lib/api/schema';
import { actionDone, actionVerbs, offeredActions, type ActionRequest } from '../../lib/account-actions';
import { ActionDialog } from './action-dialog';

type Relations = components['schemas']['RelationsResponse'];
type Offered = ReturnType<typeof offeredActions>[number];

export function AccountActions({
  provider,
  handle,
  relations,
  perform,
}: {
  provider: Provider | undefined;
  handle: string;
  relations: Relations | null | undefined;
  perform: (request: ActionRequest, idempotencyKey: string) => Promise<void>;
}) {
  const [open, setOpen] = useState<Offered | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!provider) return null;
  const offered = offeredActions(provider, relations);
  if (offered.length === 0) return provider.actionsNote ? <p className="hint">{provider.actionsNote}</p> : null;
  return (
    <div className="account-actions">
      <div className="actions" role="group" aria-label={`Actions on ${provider.displayName}`}>
        {offered.map((item) => (
          <button
            key={item.relation}
            type="button"
            onClick={() => {
              setDone(null);
              setOpen(item);
            }}
          >
            {actionVerbs[item.action]}
          </button>
        ))}
      </div>
      <p role="status" className="hint">
        {done}
      </p>
      {open && (
        <ActionDialog
          action={open.action}
          handle={handle}
          offersDurations={provider.muteDurations}
          perform={perform}
          onClose={() => setOpen(null)}
          onDone={() => {
            setDone(`${actionDone[open.action]} ${handle} on ${provider.displayName}.`);
            setOpen(null);
          }}
        />
      )}
    </div>
  );
}
