/** The lesson's chapters, in the introduction's order: FNN → RNN → why it fails → LSTM → GRU → cost. */
export const CHAPTER_IDS = [
  'fnn', 'notation', 'vanishing', 'conflict', 'cec', 'gates', 'forget', 'peephole', 'gru', 'cost',
] as const;

export type ChapterId = (typeof CHAPTER_IDS)[number];
