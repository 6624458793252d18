/**
 * The engine's validation problems (src/engine/validate.ts) in Japanese. The English words
 * come from the engine itself (problemText); these say the same things, field by field.
 */
import type { Expected, Problem, Seen } from '../engine/validate';

const quote = (s: string): string => `「${s}」`;

/** What a value was, in Japanese. */
export function seenJa(s: Seen): string {
  return seen(s);
}

function seen(s: Seen): string {
  switch (s.kind) {
    case 'null': return 'null';
    case 'nothing': return '何もない値';
    case 'array': return `要素数 ${s.length} の配列`;
    case 'string': return `文字列 ${quote(s.text)}`;
    case 'number': return String(s.value);
    case 'object': return 'オブジェクト';
    case 'type': return s.name;
    case 'empty': return '空の配列';
    case 'numbers': return `${s.count} 個の数値`;
    case 'ragged': return `長さの揃わない行（0 行目は ${s.width} 個、${s.row} 行目は ${s.length} 個）`;
    case 'mixed': return '数値と行が混ざった配列';
    case 'matrix': return `${s.rows}×${s.cols}`;
    case 'at': return `${s.index} の${seen(s.what)}`;
    case 'count': return String(s.value);
    case 'theNumber': return `数値 ${s.value}`;
  }
}

function expected(e: Expected): string {
  switch (e.kind) {
    case 'literal': return e.text;
    case 'oneOf': return `${e.options.map((o) => `"${o}"`).join('、')} のいずれか`;
    case 'object': return 'オブジェクト';
    case 'positiveInteger': return '正の整数';
    case 'atMost':
      return e.unit === 'steps' ? `${e.max} 時刻以下` : e.unit === 'numbersPerStep' ? `1 時刻あたり ${e.max} 個以下の数値` : `${e.max} 以下`;
    case 'boolean': return 'true か false';
    case 'finite': return '有限の数値';
    case 'float32': return `±${e.limit.toPrecision(3)} 以内の数値（float32 の範囲）`;
    case 'numbers': return `${e.count} 個の数値${e.orNull ? 'か null' : ''}`;
    case 'matrix': return `${e.rows}×${e.cols} 個の数値`;
    case 'sequence': return '1 時刻に 1 行の、空でない行の配列';
    case 'rowOfOne': return '1 個以上の数値からなる行';
    case 'rowsArray': return `${e.count} 行の配列`;
    case 'rows': return `${e.count} 行（入力の 1 時刻に 1 行）`;
    case 'numbersUpTo': return `1〜${e.max} 個の数値か null`;
  }
}

export function problemJa(p: Problem): string {
  switch (p.kind) {
    case 'expected': return `${expected(p.expected)}であるべきところ、${seen(p.got)}でした`;
    case 'missing': return `ありません（${expected(p.expected)}が必要です）`;
    case 'unknownWeight': return `この ${p.cell.toUpperCase()} の重みではありません（使える名前：${p.names.join(' ')}）`;
  }
}
