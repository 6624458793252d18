/**
 * Short explanations of the ideas the visualizer shows, in English and Japanese. Plain text
 * only: the UI decides how to lay them out. The notation follows the engine (src/engine):
 * LSTM gates i f g o with cell state c and output h; GRU gates z r g with
 * h(t) = z⊙h(t−1) + (1−z)⊙g. Control names match the labels of the UI in each language.
 */

export type ExplanationId =
  | 'fnnWindow' // the feed-forward network: no memory, so a sequence must be fed as a window of the current and past inputs
  | 'rolledUnrolled' // rolled vs unrolled notation
  | 'vanishingGradient' // the vanishing gradient
  | 'weightConflict' // input and output weight conflict: why a plain neuron cannot decide whether to let a signal in or out
  | 'cec' // the cell state as a constant error carousel
  | 'gates' // the three gates (input, forget, output) and their controllers (the σ units that compute them from x(t) and h(t−1))
  | 'peepholes' // why peepholes let the gates see the cell state
  | 'gruMerge' // how the GRU merges the cell state and the output into one state h, and couples forgetting to updating through z and 1−z
  | 'resetGate' // the GRU's reset gate
  | 'cost'; // the cost trade-off between LSTM and GRU (parameters and FLOPs: 4 gate blocks vs 3)

export interface Explanation {
  /** A short heading. */
  readonly title: string;
  /** One to three short paragraphs of plain text (no HTML, no Markdown, no LaTeX). */
  readonly paragraphs: readonly string[];
}

export type Language = 'en' | 'ja';

const EN: Readonly<Record<ExplanationId, Explanation>> = {
  fnnWindow: {
    title: 'The feed-forward network and its window',
    paragraphs: [
      'A feed-forward network (FNN) passes its input forward once and keeps nothing: the same input always gives the same ' +
        'output. To let it see a sequence at all, we hand it the current input together with the k − 1 inputs before it, ' +
        'laid side by side as one long input: h(t) = tanh(W [x(t); x(t−1); …; x(t−k+1)] + b). Before step 1 the window is ' +
        'filled with zeros.',
      'Whatever lies further back than k steps cannot reach the output, however long it trains. A wider window helps, but ' +
        'every extra step adds a whole block of weights, and the width must be chosen before the task is known. The RNN ' +
        'replaces the window by a loop, which is the next chapter.',
    ],
  },
  rolledUnrolled: {
    title: 'Rolled and unrolled: two drawings of one network',
    paragraphs: [
      'The rolled diagram draws a single cell with a loop: the dashed arrow brings h(t−1) (and, in the LSTM, c(t−1)) ' +
        'from the previous step back into the same cell. It is compact, but it hides time.',
      'The unrolled diagram lays that cell out once per time step, left to right, so the loop becomes a chain. Every copy ' +
        'shares the same weights W, U and b; only the values flowing through differ. Training walks this chain backwards, ' +
        'which is why it is called backpropagation through time.',
      'Turn on the “Backward pass” switch on the unrolled diagram to watch the error travel from right to left: line ' +
        'width and colour show how much of it reaches each step.',
    ],
  },
  vanishingGradient: {
    title: 'The vanishing gradient',
    paragraphs: [
      'In a plain RNN, h(t) = tanh(W x(t) + U h(t−1) + b). Each step the error travels back, it is multiplied by Uᵀ and by ' +
        'tanh′, the slope of tanh, which is at most 1 and far smaller when a unit saturates. Fifty steps back means fifty ' +
        'such factors. If they are mostly below 1, the signal shrinks exponentially and the early inputs get almost no say ' +
        'in what the network learns.',
      'The “Gradient over time” chart uses a log scale, so a straight downward line is an exponential decay; it also ' +
        'prints the fitted factor per step back. Lower the “Recurrent weight scale” below 1 and the RNN’s curve falls ' +
        'faster; raise it above 1 and the gradient can grow instead, the opposite problem.',
    ],
  },
  weightConflict: {
    title: 'Why a plain neuron cannot choose what to let in or out',
    paragraphs: [
      'Say a unit should hold one number until it is needed. Its incoming weight then has two jobs: large enough to write ' +
        'the relevant input in, yet small enough that the irrelevant inputs at all the other steps do not overwrite it. ' +
        'One fixed number, the same at every step, cannot do both.',
      'Its outgoing weights clash in the same way: they must read the value out when it matters and keep it from ' +
        'disturbing other units the rest of the time. Hochreiter and Schmidhuber called this the input and output weight ' +
        'conflict. The LSTM answers with multiplication: the input gate i and the output gate o are recomputed at every ' +
        'step from x(t) and h(t−1), so “let it in?” and “let it out?” become decisions that depend on context.',
    ],
  },
  cec: {
    title: 'The cell state as a constant error carousel',
    paragraphs: [
      'The cell state follows c(t) = f⊙c(t−1) + i⊙g. The 1997 LSTM had no forget gate: c(t) = c(t−1) + i⊙g, a linear ' +
        'unit connected to itself with weight 1. Along c, the error is multiplied by exactly 1 at each step back, so it ' +
        'arrives unchanged however far it travels. This loop is the constant error carousel (CEC).',
      'The price: the cell can never let go, it only accumulates. The forget gate, added in 2000, multiplies the carry by ' +
        'f, giving up the perfect carousel in exchange for the ability to reset; with f near 1 the error still travels far. ' +
        'Turn on “Forget gate fixed at 1 (the 1997 LSTM)” and watch ‖∂L/∂c(t)‖ in the “Gradient over time” chart, or the ' +
        'c line under the “Backward pass” switch.',
    ],
  },
  gates: {
    title: 'The three gates and their controllers',
    paragraphs: [
      'An LSTM cell has three gates, each a vector of values between 0 and 1 that multiplies something elementwise (⊙). ' +
        'The input gate i sets how much of the candidate g = tanh(…) is written into the cell, the forget gate f how much ' +
        'of c(t−1) is kept, and the output gate o how much of tanh(c(t)) is shown as h(t).',
      'Each gate has a controller: a small σ layer with its own weights, such as f = σ(W_f x(t) + U_f h(t−1) + b_f). ' +
        'Because it reads x(t) and h(t−1), the gate opens and closes with the context, and its weights are learned by ' +
        'backpropagation like all the others. The “Forget-gate bias” sets b_f at the start: at 1, f begins near ' +
        'σ(1) ≈ 0.73; at 3, near 0.95.',
    ],
  },
  peepholes: {
    title: 'Peepholes: letting the gates see the cell',
    paragraphs: [
      'Without peepholes, the gates see the cell only through h(t−1) = o⊙tanh(c(t−1)). When the output gate is closed ' +
        '(o near 0), h is near 0, and the cell’s content is hidden from the very gates that must decide what to do with ' +
        'it. That hurts most when a gate has to act at a precise moment, for instance after counting a number of steps.',
      'Peephole connections (Gers and Schmidhuber, 2000) feed the cell state straight into the gates: i and f see c(t−1), ' +
        'o sees the freshly updated c(t). Each is one weight per unit (p_i, p_f, p_o), only 3H extra parameters. Turn on ' +
        '“Peephole connections” to see the three new links, and let “Compare cells” train an LSTM with peepholes beside ' +
        'the others.',
    ],
  },
  gruMerge: {
    title: 'The GRU: one state, with forgetting tied to writing',
    paragraphs: [
      'The GRU has no separate cell state: one state h holds the memory and is also the output. With no output gate, ' +
        'everything it stores is visible to the readout and to its own gates.',
      'The update gate z blends old and new: h(t) = z⊙h(t−1) + (1−z)⊙g. With z near 1 a unit keeps its value; near 0 it ' +
        'takes the candidate g. Whatever share z is kept, the rest, 1−z, is replaced, so forgetting and writing are one ' +
        'decision. The LSTM makes them separately with f and i, so it can keep everything and still add more. (Some texts ' +
        'swap z and 1−z; this app uses the equation above.)',
      'Going back, the direct path along h multiplies the error by z: z also does the forget gate’s job.',
    ],
  },
  resetGate: {
    title: 'The reset gate',
    paragraphs: [
      'The GRU’s candidate is g = tanh(W_g x(t) + U_g (r⊙h(t−1)) + b_g), with r = σ(W_r x(t) + U_r h(t−1) + b_r). The ' +
        'reset gate r decides how much of the previous state goes into the new candidate. With r near 0 the candidate is ' +
        'computed from x(t) alone, as if the past were blank; with r near 1 all of h(t−1) takes part.',
      'Note what r does not do: it does not erase h. The old state still reaches h(t) through z⊙h(t−1). The reset gate ' +
        'only lets a unit propose something new without being pulled along by the past, which helps when, say, a new ' +
        'stretch of the sequence begins. How much of that proposal is taken is up to z.',
    ],
  },
  cost: {
    title: 'What the gates cost: LSTM versus GRU',
    paragraphs: [
      'Every gate and the candidate need their own block of weights: W (H×I), U (H×H) and a bias b. The LSTM has four ' +
        'blocks (i, f, g, o), the GRU three (z, r, g), the plain RNN one. At the same hidden size H, a GRU has about 3/4 of ' +
        'an LSTM’s parameters and, since the matrix products dominate, about 3/4 of its FLOPs per step.',
      'The cost panel shows both counts and the measured µs per training step. The measured ratio need not be 3/4: at ' +
        'small sizes overheads and elementwise work weigh more, and the standard GRU splits its step into two products, ' +
        'because r must be known before U_g can act. Whether cheaper learns as well depends on the task: ' +
        'try the presets under “Compare cells”.',
    ],
  },
};

const JA: Readonly<Record<ExplanationId, Explanation>> = {
  fnnWindow: {
    title: '順伝播型ネットワーク（FNN）と入力の窓',
    paragraphs: [
      '順伝播型ネットワーク（FNN）は入力を一方向に一度流すだけで、何も覚えていません。同じ入力には必ず同じ出力を返します。' +
        'それでも系列を扱わせたいなら、現在の入力と、その前の k − 1 個の入力を横に並べて、ひとつの長い入力として渡すしかありません。' +
        '式で書くと h(t) = tanh(W [x(t); x(t−1); …; x(t−k+1)] + b) です。時刻 1 より前の部分は 0 で埋めます。',
      'k 時刻より前にあるものは、どれだけ学習しても出力に届きません。窓を広げれば届く範囲は伸びますが、1 時刻ぶん広げるたびに' +
        '重みのブロックがひとつ増えますし、窓の幅はタスクを知る前に決めておかなければなりません。RNN は窓の代わりにループを使います。' +
        'それが次の章です。',
    ],
  },
  rolledUnrolled: {
    title: '折りたたんだ表記と展開した表記',
    paragraphs: [
      '折りたたんだ図では、セルを 1 つだけ描き、ループで時間をつなぎます。破線の矢印が、前の時刻の h(t−1)（LSTM では ' +
        'c(t−1) も）を同じセルへ戻しています。コンパクトですが、時間の流れは見えません。',
      '展開した図では、同じセルを時刻ごとに左から右へ並べるので、ループが鎖になります。どのコピーも同じ重み W、U、b を共有し、' +
        '違うのは流れる値だけです。学習ではこの鎖を逆向きにたどって誤差を伝えます。これが通時的誤差逆伝播（BPTT）です。',
      '展開した図の「逆伝播」スイッチをオンにすると、誤差が右から左へ流れる様子が線の太さと色で示され、各時刻にどれだけ届いているかがわかります。',
    ],
  },
  vanishingGradient: {
    title: '勾配消失',
    paragraphs: [
      '素の RNN では h(t) = tanh(W x(t) + U h(t−1) + b) です。誤差を 1 時刻さかのぼらせるたびに、Uᵀ と tanh の傾き tanh′ ' +
        'が掛かります。tanh′ は最大でも 1 で、ユニットが飽和するとずっと小さくなります。50 時刻さかのぼれば、こうした係数が ' +
        '50 回掛かります。その多くが 1 より小さければ信号は指数関数的に縮み、序盤の入力は学習にほとんど影響できなくなります。',
      '「時間方向の勾配」グラフは対数目盛なので、まっすぐ右下がりの線が指数的な減衰を表します。1 時刻さかのぼるごとの倍率の推定値も' +
        '表示されます。「再帰重みのスケール」を 1 より小さくすると RNN の曲線はさらに急に落ち、1 より大きくすると、逆に勾配が' +
        '膨らむことがあります。',
    ],
  },
  weightConflict: {
    title: '入力重みと出力重みの衝突',
    paragraphs: [
      'あるユニットに、必要になるまで 1 つの値を保持させたいとします。このとき入力側の重みには 2 つの役目があります。関係のある入力を' +
        '書き込めるほど大きく、しかも他の時刻に来る無関係な入力で上書きされないほど小さくなければなりません。どの時刻でも同じ ' +
        '1 つの数では、両方は満たせません。',
      '出力側の重みも同じです。保持した値を必要なときには読み出し、それ以外のときには他のユニットを乱さないようにしなければなりません。' +
        'Hochreiter と Schmidhuber はこれを入力重みと出力重みの衝突と呼びました。LSTM は掛け算でこれを解決します。入力ゲート i と' +
        '出力ゲート o を x(t) と h(t−1) から毎時刻計算し直すことで、「入れるか」「出すか」を文脈に応じて決められるようにしたのです。',
    ],
  },
  cec: {
    title: '定誤差カルーセルとしてのセル状態',
    paragraphs: [
      'セル状態は c(t) = f⊙c(t−1) + i⊙g で更新されます。1997 年の LSTM には忘却ゲートがなく、c(t) = c(t−1) + i⊙g でした。' +
        'つまりセルは線形で、重み 1 の自己結合を持ちます。c に沿って 1 時刻さかのぼるたびに誤差に掛かるのはちょうど 1 なので、' +
        'どれだけさかのぼっても誤差は変わらずに届きます。このループが定誤差カルーセル（CEC）です。',
      'その代わり、セルは内容を捨てられず、ため込む一方です。2000 年に加わった忘却ゲートは、受け継ぐ値に f を掛けます。完全な' +
        'カルーセルと引き換えに、リセットする能力を得たわけです。f が 1 に近ければ、誤差はそれでも遠くまで届きます。「忘却ゲートを 1 ' +
        'に固定（1997 年の LSTM）」をオンにして、「時間方向の勾配」グラフの ‖∂L/∂c(t)‖ や、「逆伝播」スイッチで表示される c の線を' +
        '見てみてください。',
    ],
  },
  gates: {
    title: '3 つのゲートとそのゲートコントローラ',
    paragraphs: [
      'LSTM のセルには 3 つのゲートがあります。どれも 0 から 1 の値を並べたベクトルで、何かに要素ごと（⊙）に掛かります。入力ゲート ' +
        'i は候補 g = tanh(…) をどれだけセルに書き込むか、忘却ゲート f は c(t−1) をどれだけ残すか、出力ゲート o は tanh(c(t)) ' +
        'をどれだけ h(t) として出すかを決めます。',
      '各ゲートには、専用の重みを持つ小さな σ の層が制御役として付いています。たとえば f = σ(W_f x(t) + U_f h(t−1) + b_f) です。' +
        'x(t) と h(t−1) を見て計算されるので、ゲートは文脈に応じて開閉し、その重みも他と同じ誤差逆伝播で学習されます。' +
        '「忘却ゲートのバイアス」は b_f の初期値です。1 なら f は σ(1) ≈ 0.73 前後、3 なら 0.95 前後から始まります。',
    ],
  },
  peepholes: {
    title: '覗き穴結合：ゲートにセル状態を見せる',
    paragraphs: [
      '覗き穴結合がなければ、ゲートがセルの中身を知る手がかりは h(t−1) = o⊙tanh(c(t−1)) だけです。出力ゲートが閉じて' +
        'いる（o がほぼ 0）と h もほぼ 0 になり、セルの中身をどう扱うか決めるはずのゲートから、その中身が隠れてしまいます。' +
        'ステップ数を数えてから動くなど、ゲートが正確なタイミングで働く必要があるタスクでは特に困ります。',
      '覗き穴結合（ピープホール結合、Gers と Schmidhuber、2000 年）は、セル状態を直接ゲートに入れます。i と f は c(t−1) を、o は更新' +
        '直後の c(t) を見ます。どれもユニットごとに重み 1 つ（p_i、p_f、p_o）なので、増えるパラメータは 3H 個だけです。' +
        '「覗き穴結合」をオンにすると、図に 3 本の結合が加わります。「セルを比較」では、覗き穴結合付きの LSTM を並べて' +
        '学習させることもできます。',
    ],
  },
  gruMerge: {
    title: 'GRU：1 つの状態に統合し、忘却と書き込みを連動させる',
    paragraphs: [
      'GRU には独立したセル状態がありません。1 つの隠れ状態 h が記憶を担い、そのまま出力にもなります。出力ゲートもないので、' +
        '蓄えた内容は常に出力層や自分のゲートから見えています。',
      '更新ゲート z が古い状態と新しい候補を混ぜ合わせます：h(t) = z⊙h(t−1) + (1−z)⊙g。z が 1 に近いユニットは値を保ち、' +
        '0 に近ければ候補 g に置き換わります。z の割合を残すと、残りの 1−z は必ず入れ替わるので、忘れることと書き込むことが ' +
        '1 つの決定になります。LSTM は f と i で別々に決めるため、全部を残したまま書き足すこともできます（z と 1−z の役割を' +
        '逆に書く文献もありますが、このアプリは上の式に従います）。',
      '逆向きには、h に沿ったまっすぐな経路で誤差に z が掛かります。つまり z は忘却ゲートの役目も果たしています。',
    ],
  },
  resetGate: {
    title: 'リセットゲート',
    paragraphs: [
      'GRU の候補は g = tanh(W_g x(t) + U_g (r⊙h(t−1)) + b_g)、リセットゲートは r = σ(W_r x(t) + U_r h(t−1) + b_r) です。' +
        'r は、直前の状態 h(t−1) のうちどれだけを新しい候補の計算に使うかを決めます。r が 0 に近ければ、過去が白紙であるかのように ' +
        'x(t) だけから候補を作り、1 に近ければ h(t−1) 全体が計算に加わります。',
      '注意したいのは、r が h そのものを消すわけではない点です。古い状態は z⊙h(t−1) を通って h(t) に届きます。リセットゲートは、' +
        '過去に引きずられずに新しい候補を出せるようにするだけで、たとえば系列に新しい区切りが始まったときに役立ちます。その候補を' +
        'どれだけ採用するかは、更新ゲート z が決めます。',
    ],
  },
  cost: {
    title: 'ゲートのコスト：LSTM と GRU',
    paragraphs: [
      'ゲートと候補には、それぞれ専用の重みのブロック W（H×I）、U（H×H）、バイアス b が必要です。LSTM は 4 ブロック（i, f, g, o）、' +
        'GRU は 3 ブロック（z, r, g）、素の RNN は 1 ブロックです。隠れ状態のサイズ H が同じなら、GRU のパラメータ数は LSTM の' +
        '約 3/4 です。計算の大半は行列積なので、1 時刻あたりの FLOPs もほぼ 3/4 になります。',
      'コストパネルには、これらの数と、実測した学習 1 ステップあたりの µs が表示されます。実測の比がちょうど 3/4 になるとは' +
        '限りません。サイズが小さいとオーバーヘッドや要素ごとの計算の比重が増えますし、標準の GRU は r が決まるまで U_g を掛け' +
        'られないため、1 時刻の行列積を 2 回に分けて行います。また、安いほうが同じだけ学べるとは限らず、それはタスク次第です。' +
        '「セルを比較」のプリセットで確かめてみてください。',
    ],
  },
};

export const EXPLANATIONS: Readonly<Record<Language, Readonly<Record<ExplanationId, Explanation>>>> = { en: EN, ja: JA };
