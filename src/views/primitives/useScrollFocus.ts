/**
 * A box that scrolls sideways when its content is wider (a table, a drawing on a phone) can be
 * reached with Tab while it scrolls, so that the keyboard can scroll it too; not otherwise.
 * Returns a ref for the box (it may mount later than the component).
 */
import { useEffect, useState } from 'react';

export function useScrollFocus(): (box: HTMLElement | null) => void {
  const [box, setBox] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!box) return;
    const update = () => {
      if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    };
    update();
    const resize = new ResizeObserver(update);
    resize.observe(box);
    // The content may grow without the box changing size (rows arriving in a table).
    const mutations = new MutationObserver(update);
    mutations.observe(box, { childList: true, subtree: true, characterData: true });
    return () => {
      resize.disconnect();
      mutations.disconnect();
    };
  }, [box]);
  return setBox;
}
