/** The page header: name, status, and the page-wide choices (language, colour scheme, link, shortcuts). */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type Theme } from '../store';
import { LANGUAGES, MESSAGES, useMessages, type Language } from '../i18n';
import { StatusLine } from './StatusLine';
import { shareState } from '../share/useShareLink';
import { writeHash } from '../share/urlState';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

function CopyLink() {
  const msg = useMessages();
  const m = msg.share;
  // What happened, worded when drawn (so it follows a change of language).
  const [said, setSaid] = useState<{ copied: boolean; changed: boolean; imported: boolean; data: boolean; ownProbe: boolean; intervened: boolean } | null>(null);
  const copy = async () => {
    const s = useStore.getState();
    const url = new URL(window.location.href);
    url.hash = writeHash(shareState(s));
    window.history.replaceState(null, '', url.hash);
    const caveats = { changed: s.changedMidRun, imported: s.origin === 'import', data: s.config.task === 'data', ownProbe: s.ownProbe !== null, intervened: s.interventions.length > 0 };
    try {
      await navigator.clipboard.writeText(url.toString());
      setSaid({ copied: true, ...caveats });
    } catch {
      setSaid({ copied: false, ...caveats });
    }
  };
  const words = said
    ? said.copied
      ? [
        m.copied, ...(said.imported ? [m.importedModel] : said.changed ? [m.changedMidRun] : []),
        ...(said.data ? [m.ownData] : []), ...(said.ownProbe && !said.data ? [m.ownProbe] : []),
        ...(said.intervened ? [m.interventions] : []),
      ].join(msg.punct.space)
      : m.copyFailed
    : null;
  return (
    <span className="copy-link">
      <button type="button" className="small-button" onClick={() => void copy()}>
        {m.copy}
      </button>
      <span className="muted small" role="status">
        {words}
      </span>
    </span>
  );
}

/** Back into the lesson from free exploring: the chapter last left, or the welcome. */
function LessonButton() {
  const m = useMessages().lesson;
  const { view, chapter, resumeLesson } = useStore(useShallow((s) => ({ view: s.lesson.view, chapter: s.lesson.chapter, resumeLesson: s.resumeLesson })));
  if (view !== 'off') return null;
  return (
    <button type="button" className="small-button" onClick={resumeLesson}>
      {chapter > 0 ? m.nav.resume : m.welcome.start}
    </button>
  );
}

export function Header() {
  const m = useMessages();
  const language = useStore((s) => s.language);
  const setLanguage = useStore((s) => s.setLanguage);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const setShortcutsOpen = useStore((s) => s.setShortcutsOpen);
  return (
    <header className="app-header">
      <h1>Gatescope</h1>
      <p className="tagline">{m.app.tagline}</p>
      <StatusLine />
      <div className="header-controls">
        <LessonButton />
        <CopyLink />
        <label className="inline-field">
          <span>{m.language.switchLabel}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              // Each language is named in itself.
              <option key={l} value={l} lang={l}>
                {MESSAGES[l].language.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{m.app.theme.label}</span>
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {m.app.theme[t]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="small-button" aria-keyshortcuts="?" onClick={() => setShortcutsOpen(true)}>
          ? <span className="visually-hidden">{m.app.shortcutsButton}</span>
        </button>
      </div>
    </header>
  );
}
