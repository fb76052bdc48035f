// Deleting the account: typed confirmation, then everything goes (key list on the provider, access, every row).
import { DeleteAccountForm } from '../../components/delete-account-form';
import type { MyNetwork } from '../../lib/api/providers';

export function DeleteSection({ network, onDeleted }: { network: MyNetwork; onDeleted: () => void }) {
  return (
    <section aria-labelledby="delete-heading" className="card danger-zone">
      <h2 id="delete-heading">Delete my account</h2>
      <p>
        This deletes your key list on {network.name}, Reasonable's access to your {network.name} account and every note
        you wrote. It cannot be
        undone. Export first if you want a copy.
      </p>
      <DeleteAccountForm submitLabel="Delete my account and every note" onDeleted={onDeleted} />
    </section>
  );
}
