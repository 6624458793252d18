/**
 * The interface's two languages. Messages are typed objects, one per language, with the same
 * shape (texts that take values are functions), so a missing Japanese entry is a type error
 * and no message is looked up by a built-up string key. Numbers go through Intl for the locale.
 */
import { en, type Messages } from './en';
import { ja } from './ja';
import { useStore } from '../store';

import type { Language } from './language';

export { LANGUAGES, detectLanguage, type Language } from './language';
export const MESSAGES: Readonly<Record<Language, Messages>> = { en, ja };
export type { Messages };

/** Sentences (or clauses) of a message, the empty ones left out, joined with the language's own spacing. */
export function sentences(m: Messages, parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(m.punct.space);
}

export function useMessages(): Messages {
  return MESSAGES[useStore((s) => s.language)];
}

export interface NumberFormat {
  /** A whole number with the locale's grouping: 12,345. */
  int(n: number): string;
  /** A number with `digits` decimals. */
  fixed(n: number, digits: number): string;
  /** A number as it is, with the locale's grouping and up to 10 decimals: 2,147,483,647 or 0.00001. */
  num(n: number): string;
}

/** The number formats of one language (the formatters are built once; fixed() keeps one per digit count). */
function makeFormat(language: Language): NumberFormat {
  const int = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const num = new Intl.NumberFormat(language, { maximumFractionDigits: 10 });
  const fixed = new Map<number, Intl.NumberFormat>();
  return {
    int: (n) => (Number.isFinite(n) ? int.format(n) : '–'),
    num: (n) => (Number.isFinite(n) ? num.format(n) : '–'),
    fixed: (n, digits) => {
      if (!Number.isFinite(n)) return '–';
      let nf = fixed.get(digits);
      if (!nf) fixed.set(digits, (nf = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })));
      return nf.format(n);
    },
  };
}

/** One format object per language, so its identity is stable for memoised views. */
const FORMATS: Readonly<Record<Language, NumberFormat>> = { en: makeFormat('en'), ja: makeFormat('ja') };

export function useNumberFormat(): NumberFormat {
  return FORMATS[useStore((s) => s.language)];
}
