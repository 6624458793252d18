/**
 * The page shell. The live visualizer (issue 3) grows inside <main>; until then the page says
 * what Gatescope is, in English and Japanese, and what the engine underneath already does.
 */
import { CELL_KINDS } from '../engine/spec';

const CELL_LABELS = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } as const;

// Japanese paragraphs are single strings: JSX would put spaces where the source wraps.
const JA_ABOUT =
  'Gatescope は、小さなリカレントネットワークをブラウザの中で学習させ、その内部の動きを見せるツールです。' +
  'ゲートが開いたり閉じたりする様子、セル状態が記憶を次の時刻へ運ぶ様子、そして素の RNN では誤差の信号が' +
  '時間をさかのぼるうちに消えていくのに、LSTM のセル状態はそれを保ったまま運べることを、実際に計算した数値で確かめられます。';
const JA_NEXT = '学習エンジンはすでに動いています。対話的な図はこれから加わります。';

export function App() {
  return (
    <div className="shell">
      <header className="shell-header">
        <h1>Gatescope</h1>
        <p className="tagline">See inside recurrent networks, with every number computed live.</p>
      </header>
      <main className="shell-main">
        <section aria-labelledby="about-en">
          <h2 id="about-en">What this will be</h2>
          <p>
            Gatescope trains a small recurrent network in your browser and lets you watch it work:
            the gates opening and closing, the cell state carrying a memory from step to step, and
            the error signal fading in a plain RNN while the LSTM&apos;s cell state carries it back.
          </p>
          <p>
            The training engine is already here. It computes the forward pass and exact
            backpropagation through time for these cells:
          </p>
          <ul className="cells">
            {CELL_KINDS.map((cell) => (
              <li key={cell}>{CELL_LABELS[cell]}</li>
            ))}
          </ul>
          <p>The interactive diagrams come next.</p>
        </section>
        <section lang="ja" aria-labelledby="about-ja">
          <h2 id="about-ja">Gatescope について</h2>
          <p>{JA_ABOUT}</p>
          <p>{JA_NEXT}</p>
        </section>
      </main>
    </div>
  );
}
