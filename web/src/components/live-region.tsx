// The one polite live region: screen readers read what lib/announce says (saved, deleted, failed) without moving focus.
import { useEffect, useState } from 'react';
import { onAnnouncement } from '../lib/announce';

export function LiveRegion() {
  const [message, setMessage] = useState('');
  useEffect(
    () =>
      onAnnouncement((next) => {
        setMessage(''); // the same words twice in a row are still read twice
        setTimeout(() => setMessage(next), 50);
      }),
    [],
  );
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message}
    </div>
  );
}
