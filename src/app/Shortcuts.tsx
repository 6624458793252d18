/**
 * Page-wide keys beyond the cursor's (see TimeControls): Space plays and pauses, P switches
 * the peepholes, ? opens the list of shortcuts (a modal dialog; Esc closes it). None acts
 * while the focus is in a field, and Space leaves buttons and links to their own meaning.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../store';
import { useMessages } from '../i18n';
import { typingInField } from '../views/primitives/keys';

/**
 * Whether the key belongs to the focused element rather than to the page. Space ticks a checkbox,
 * presses a button or follows a link that the keyboard moved to; one that was clicked keeps the
 * focus but not Space, which plays and pauses, as the list of keys says.
 */
function ownedByTarget(target: EventTarget | null, key: string, clicked: Element | null): boolean {
  if (typingInField(target)) return true;
  if (!(target instanceof HTMLElement)) return false;
  const pressable = target instanceof HTMLInputElement || target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.closest('summary') !== null;
  return key === ' ' && pressable && target !== clicked;
}

/** The control a pointer pressed last (it keeps the focus), until the focus moves on. */
const pressedControl = (target: EventTarget | null): Element | null =>
  target instanceof Element ? target.closest('button, a, summary, input') : null;

export function useShortcutKeys(): void {
  useEffect(() => {
    let clicked: Element | null = null;
    const onPointer = (e: PointerEvent) => (clicked = pressedControl(e.target));
    const onFocus = (e: FocusEvent) => {
      if (e.target !== clicked) clicked = null; // the focus moved by keyboard (or elsewhere)
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const s = useStore.getState();
      if (s.shortcutsOpen || ownedByTarget(e.target, e.key, clicked)) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (s.status === 'running') s.pause();
        else if (s.status === 'paused') s.play();
      } else if (e.key === 'p' || e.key === 'P') {
        if (s.config.cell !== 'lstm' || s.embed) return;
        e.preventDefault();
        s.setPeephole(!s.config.peephole);
      } else if (e.key === '?') {
        e.preventDefault();
        s.setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('focusin', onFocus, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('focusin', onFocus, true);
    };
  }, []);
}

export function ShortcutOverlay() {
  const open = useStore((s) => s.shortcutsOpen);
  const setOpen = useStore((s) => s.setShortcutsOpen);
  const m = useMessages().shortcuts;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)}>
      <h2 id="shortcuts-title">{m.title}</h2>
      <table>
        <tbody>
          {m.keys.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                {keys.split(' ').map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{m.note}</p>
      <button type="button" onClick={() => setOpen(false)} autoFocus>
        {m.close}
      </button>
    </dialog>
  );
}
