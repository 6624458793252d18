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
    // The box and its content (a table's first element) are watched for size: a resize, not every
    // change of text, is what can make it scroll.
    update();
    const resize = new ResizeObserver(update);
    resize.observe(box);
    if (box.firstElementChild) resize.observe(box.firstElementChild);
    return () => resize.disconnect();
  }, [box]);
  return setBox;
}
