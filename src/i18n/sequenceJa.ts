/**
 * The problems of the user's sequence files (src/engine/sequenceProblems.ts) in Japanese. The
 * English words come from the engine itself (sequenceProblemText); these say the same things.
 * Column names and cell text stay as the file has them.
 */
import type { JsonExpected, Place, SequenceProblem } from '../engine/sequenceProblems';
import { seenJa } from './validationJa';

/** A place: "12 行目 3 列目（x2）" or "系列 2 の時刻 12、入力 3". */
export function placeJa(p: Place): string {
  if (p.kind === 'csv') return `${p.row} 行目${p.column !== undefined ? ` ${p.column} 列目` : ''}${p.name ? `（${p.name}）` : ''}`;
  const parts: string[] = [];
  if (p.sequence !== null) parts.push(`系列 ${p.sequence}`);
  if (p.field && p.step === undefined) parts.push(`"${p.field}"`);
  if (p.step !== undefined) parts.push(`時刻 ${p.step}`);
  if (p.index !== undefined) parts.push(`${p.field === 'targets' ? '目標' : '入力'} ${p.index}`);
  return parts.length > 0 ? parts.join('、') : 'ファイル';
}

const EXPECTED: Record<JsonExpected, string> = {
  topLevel: '行の配列、"inputs" をもつオブジェクト、または "sequences" をもつオブジェクト',
  sequenceObject: '"inputs"（と、必要なら "targets"・"id"）をもつオブジェクト',
  rows: '時刻ごとに 1 行の配列',
  row: '数の行',
  rowOrNull: '数の行、または目標なしを表す null',
  number: '数',
  sequences: '系列の空でない配列',
};

export function sequenceProblemJa(p: SequenceProblem): string {
  switch (p.kind) {
    case 'empty': return 'ファイルに行がありません';
    case 'headerOnly': return 'ファイルには見出し行だけがあり、データの行がありません';
    case 'tooBig': return `ファイルが ${(p.bytes / 2 ** 20).toFixed(1)} MB あり、上限の ${(p.max / 2 ** 20).toFixed(0)} MB を超えています`;
    case 'tooManyValues': return `ファイルの数値が ${p.values} 個（行 × 列）あり、上限の ${p.max} 個を超えています`;
    case 'tooManySequences': return `ファイルに系列が ${p.count} 個あり、上限の ${p.max} 個を超えています`;
    case 'notJson': return `JSON として読めません（${p.detail}）`;
    case 'notNumber': return `${placeJa(p.at)}：${JSON.stringify(p.text)} は数ではありません`;
    case 'notFinite': return `${placeJa(p.at)}：${JSON.stringify(p.text)} は float32 の範囲に収まる有限の数ではありません`;
    case 'emptyCell': return `${placeJa(p.at)}が空です。入力と系列 ID には値が要ります（空にできるのは、目標の行全体だけです）`;
    case 'columns': return `${p.row} 行目の列は ${p.got} 個ですが、${p.header ? '見出し行' : '1 行目'}は ${p.want} 個です`;
    case 'noInputs': return '入力の列がありません。どの列も目標か系列 ID です';
    case 'tooFewSteps': return `系列 ${p.sequence} の時刻は ${p.steps} 個です。系列には少なくとも ${p.min} 時刻が要ります`;
    case 'tooManySteps': return `系列 ${p.sequence} の時刻は ${p.steps} 個あり、上限の ${p.max} を超えています`;
    case 'jsonShape': return `${placeJa(p.at)}：${EXPECTED[p.expected]}のはずが、${seenJa(p.got)}でした`;
    case 'width': return `${placeJa(p.at)}の${p.what === 'inputs' ? '入力' : '目標'}は ${p.got} 個ですが、最初の時刻は ${p.want} 個です`;
    case 'targetRows':
      return p.sequence !== undefined
        ? `系列 ${p.sequence}："targets" は ${p.got} 行、"inputs" は ${p.want} 行です`
        : `目標のファイルは ${p.got} 行ですが、系列は ${p.want} 時刻です`;
    case 'noTargets': return 'どの時刻にも目標がないので、学習できません（target または y という名前の目標の列を加えてください）';
    case 'notDistribution': return `${placeJa(p.at)}：${p.negative !== undefined ? `負の目標（${p.negative}）があります` : `目標の和が ${Number(p.sum.toPrecision(4))} です`}。交差エントロピーでは、目標の各行がクラスの分布（one-hot、または負でなく和が 1）でなければなりません`;
    case 'splitTargets':
      return p.part === 'train'
        ? `学習に使う ${p.sequences} 系列のどれにも目標がありません（目標は評価用に取り分けた 5 分の 1 にしかありません）。学習できません`
        : `評価用に取り分けた ${p.sequences} 系列のどれにも目標がないため、評価できません。より多くの系列に目標を付けてください`;
    case 'oneClass': return '交差エントロピーには、目標の列が少なくとも 2 個（クラスごとに 1 個）要ります';
    case 'inputsMismatch': return `系列の入力は時刻ごとに ${p.got} 個ですが、ネットワークの入力は ${p.want} 個です`;
    case 'outputsMismatch': return `系列の目標は時刻ごとに ${p.got} 個ですが、ネットワークの出力は ${p.want} 個です`;
  }
}
