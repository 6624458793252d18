/**
 * The service worker's news: once, when the app has been stored for offline use; and whenever a
 * newer version waits, with Reload (into it) and Later. The page never switches versions by itself.
 */
import { useShallow } from 'zustand/react/shallow';
import { useState } from 'react';
import { useStore } from '../store';
import { sentences, useMessages } from '../i18n';

export function UpdateNotice() {
  const { offlineReady, updateWaiting, reloadIntoUpdate, dismissUpdate } = useStore(
    useShallow((s) => ({ offlineReady: s.offlineReady, updateWaiting: s.updateWaiting, reloadIntoUpdate: s.reloadIntoUpdate, dismissUpdate: s.dismissUpdate })),
  );
  const [readySeen, setReadySeen] = useState(false);
  const msg = useMessages();
  const m = msg.offline;
  if (updateWaiting) {
    return (
      <div className="notice" role="status" data-notice="update">
        <p>{sentences(msg, [m.update, m.updateHow])}</p>
        <div>
          <button type="button" className="small-button" onClick={reloadIntoUpdate}>
            {m.reload}
          </button>
          <button type="button" className="small-button" onClick={dismissUpdate}>
            {m.later}
          </button>
        </div>
      </div>
    );
  }
  if (!offlineReady || readySeen) return null;
  return (
    <div className="notice" role="status" data-notice="offline-ready">
      <p>{m.ready}</p>
      <button type="button" className="small-button" onClick={() => setReadySeen(true)}>
        {m.dismiss}
      </button>
    </div>
  );
}
