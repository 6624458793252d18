/**
 * Opening a link: a first visit (no run in it) opens on the lesson's welcome; a chapter's link
 * opens that chapter with its own network, naming any other setting it ignores; a bad chapter
 * number falls back to the welcome, named, and keeps the rest of the link; any other link opens
 * the page as it was.
 */
import { beforeEach, expect, test } from 'vitest';
import { useStore, DEFAULT_CONFIG } from '../src/store';
import { NO_LESSON } from '../src/store/lessonSlice';
import { applyLink, shareState } from '../src/share/useShareLink';
import { CHAPTERS } from '../src/lesson/chapters';
import { writeHash } from '../src/share/urlState';

const initial = useStore.getState();
beforeEach(() => useStore.setState({ ...initial, config: DEFAULT_CONFIG, lesson: NO_LESSON, linkProblems: [] }, true));

test('no link, or only the language and scheme: the welcome', () => {
  applyLink('', ['en']);
  expect(useStore.getState().lesson.view).toBe('welcome');
  applyLink('#lang=ja&theme=dark', ['en']);
  expect(useStore.getState()).toMatchObject({ language: 'ja', theme: 'dark', lesson: { view: 'welcome' } });
});

test('a chapter: its own network; other settings are named and ignored', () => {
  applyLink('#lesson=3&cell=gru&hidden=99', ['en']);
  const s = useStore.getState();
  expect(s.lesson).toMatchObject({ view: 'chapter', chapter: 3 });
  expect(s.config).toBe(CHAPTERS[2]!.setup.config);
  expect(s.linkProblems).toEqual([
    { field: 'cell', kind: 'ignoredInLesson', value: 'gru' },
    { field: 'hidden', kind: 'ignoredInLesson', value: '99' },
  ]);
});

test('a bad chapter number: the welcome, the field named, the rest of the link kept', () => {
  applyLink('#cell=gru&lesson=99', ['en']);
  const s = useStore.getState();
  expect(s.lesson.view).toBe('welcome');
  expect(s.config.cell).toBe('gru');
  expect(s.linkProblems).toEqual([{ field: 'lesson', kind: 'outOfRange', value: '99', min: 1, max: 10 }]);
});

test('a run’s link opens the page as it was', () => {
  applyLink('#cell=rnn&step=40', ['en']);
  expect(useStore.getState()).toMatchObject({ lesson: { view: 'off' }, config: { cell: 'rnn' }, linkTarget: { step: 40 } });
});

test('the link written in a chapter names the chapter until the reader changes the network', () => {
  applyLink('#lesson=5', ['en']);
  expect(writeHash(shareState(useStore.getState()))).toBe('#v=1&lang=en&theme=system&lesson=5');
  useStore.setState({ config: { ...useStore.getState().config, hidden: 4 } });
  const hash = writeHash(shareState(useStore.getState()));
  expect(hash).not.toContain('lesson=');
  expect(hash).toContain('hidden=4');
});
