/**
 * Moving through time and across units: a slider over t, previous and next buttons, and the
 * keys ← → (Home, End) for time and ↑ ↓ for the unit, anywhere on the page but in a field.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectCursor, useStore } from '../../store';
import { NumberField } from '../primitives/NumberField';
import { typingInField } from '../primitives/keys';
import { useMessages, useNumberFormat } from '../../i18n';

export function useCursorKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typingInField(e.target) || useStore.getState().shortcutsOpen) return;
      const { t, unit, setT, setUnit, snapshot } = useStore.getState();
      const T = snapshot?.T ?? 1;
      const moves: Record<string, () => void> = {
        ArrowLeft: () => setT(t - 1),
        ArrowRight: () => setT(t + 1),
        Home: () => setT(1),
        End: () => setT(T),
        ArrowUp: () => setUnit(unit - 1),
        ArrowDown: () => setUnit(unit + 1),
      };
      const move = moves[e.key];
      if (!move) return;
      // The slider handles its own arrows; the page handles them everywhere else.
      if (e.target instanceof HTMLInputElement && e.target.type === 'range' && e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      e.preventDefault();
      move();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Steps per second of the play-through-time animation. */
const SPEEDS = [2, 5, 10, 25] as const;

/** Walks the cursor from its step to the last one, at `speed` steps a second, while `on`. */
function useTimeAnimation(on: boolean, speed: number, stop: () => void): void {
  useEffect(() => {
    if (!on) return;
    const { t, snapshot, setT } = useStore.getState();
    if (snapshot && t >= snapshot.T) setT(1); // start over from the first step
    const timer = window.setInterval(() => {
      const state = useStore.getState();
      const T = state.snapshot?.T ?? 1;
      if (state.t >= T) {
        stop();
        return;
      }
      state.setT(state.t + 1);
    }, 1000 / speed);
    return () => window.clearInterval(timer);
  }, [on, speed, stop]);
}

export function TimeControls() {
  const { t, unit } = useStore(useShallow(selectCursor));
  const T = useStore((s) => s.snapshot?.T ?? 1);
  const H = useStore((s) => s.snapshot?.H ?? 1);
  const setT = useStore((s) => s.setT);
  const setUnit = useStore((s) => s.setUnit);
  const [animating, setAnimating] = useState(false);
  const [speed, setSpeed] = useState<number>(5);
  const [stop] = useState(() => () => setAnimating(false));
  useTimeAnimation(animating, speed, stop);
  const m = useMessages();
  const fmt = useNumberFormat();
  const tm = m.time;
  return (
    <div className="time-controls">
      <button type="button" onClick={() => setAnimating(!animating)} aria-pressed={animating}>
        {animating ? tm.stop : tm.play}
      </button>
      <label className="speed">
        <span className="visually-hidden">{tm.speed}</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label={tm.speed}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {tm.speedOption(fmt.int(v))}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setT(t - 1)} disabled={t <= 1} aria-label={tm.previous}>
        ←
      </button>
      <label className="slider">
        <span>{tm.slider}</span>
        <input type="range" min={1} max={T} value={t} aria-label={tm.slider} aria-valuetext={tm.sliderValue(fmt.int(t), fmt.int(T))} onChange={(e) => setT(Number(e.target.value))} />
        <output>
          t = {t} / {T}
        </output>
      </label>
      <button type="button" onClick={() => setT(t + 1)} disabled={t >= T} aria-label={tm.next}>
        →
      </button>
      <div className="unit-select">
        <NumberField label={tm.unit} value={unit + 1} min={1} max={H} integer onCommit={(v) => setUnit(v - 1)} />
        <span className="muted">{tm.of(fmt.int(H))}</span>
      </div>
    </div>
  );
}
