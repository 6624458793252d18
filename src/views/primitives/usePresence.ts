/**
 * Keep something rendered for a moment after it is switched off, so that it can fade out:
 * `mounted` stays true for `ms` after `show` turns false, with `leaving` set meanwhile.
 */
import { useEffect, useState } from 'react';

export function usePresence(show: boolean, ms = 250): { mounted: boolean; leaving: boolean } {
  const [mounted, setMounted] = useState(show);
  useEffect(() => {
    if (show) {
      setMounted(true);
      return;
    }
    const timer = window.setTimeout(() => setMounted(false), ms);
    return () => window.clearTimeout(timer);
  }, [show, ms]);
  return { mounted: show || mounted, leaving: !show && mounted };
}
