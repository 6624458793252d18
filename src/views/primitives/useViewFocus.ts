/**
 * What the lesson's open chapter points at: each view asks whether it is in focus (highlighted)
 * or quiet (dimmed); outside a chapter, neither. Diagram nodes ask the same of their node id.
 */
import { useStore, type Store } from '../../store';
import { CHAPTERS, type ViewId } from '../../lesson/chapters';
import type { NodeId } from '../diagrams/rolledLayouts';

const openChapter = (s: Store) => (s.lesson.view === 'chapter' ? CHAPTERS[s.lesson.chapter - 1] : undefined);

/** 'focus' for a view the open chapter is about, 'quiet' for the others, undefined outside the lesson. */
export function useViewFocus(view: ViewId): 'focus' | 'quiet' | undefined {
  return useStore((s) => {
    const chapter = openChapter(s);
    return chapter ? (chapter.views.includes(view) ? 'focus' : 'quiet') : undefined;
  });
}

/** The nodes the open chapter points at (empty outside the lesson); stable per chapter. */
export function useLessonNodes(): readonly NodeId[] {
  return useStore((s) => openChapter(s)?.nodes ?? NO_NODES);
}

const NO_NODES: readonly NodeId[] = [];
