import { useState } from 'react';

/** An account's picture, or its initial when there is none or it does not load. Decorative: the handle is beside it. */
export function Avatar({ url, handle, size = 40 }: { url?: string | null; handle?: string | null; size?: number }) {
  const [failed, setFailed] = useState(false);
  const initial = (handle ?? '?').slice(0, 1).toUpperCase();
  if (!url || failed || !/^https?:\/\//.test(url)) {
    return (
      <span className="avatar avatar-initial" style={{ width: size, height: size }} aria-hidden="true">
        {initial}
      </span>
    );
  }
  return (
    <img
      className="avatar"
      src={url}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
