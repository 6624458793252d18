/**
 * Every word of the interface in Japanese: the same shape as en.ts (the type checker refuses a
 * missing or extra entry). Terminology and control names follow explanations.ts. Time steps t
 * are 時刻, training steps are ステップ; the probe sequence is 表示中の例 (the example shown).
 */
import type { Messages } from './en';
import { problemJa } from './validationJa';
import { formatProblemJa } from './formatJa';
import { sequenceProblemJa } from './sequenceJa';
import { lessonJa } from './lessonJa';

export const ja: Messages = {
  language: { name: '日本語', switchLabel: '言語' },
  lesson: lessonJa,
  validation: problemJa,
  formatProblem: formatProblemJa,
  sequenceProblem: sequenceProblemJa,
  punct: { sentence: '。', list: '、', space: '' },
  app: {
    tagline: '再帰型ネットワークの内部を、すべての値をその場で計算して見せます。',
    skipToViews: '図の表示へスキップ',
    theme: { label: '配色', system: 'システム設定', light: 'ライト', dark: 'ダーク' },
    shortcutsButton: 'キーボードショートカット',
    viewsError: (message: string) => `図を描画できませんでした：${message}`,
    drawAgain: '再描画',
  },
  cells: { fnn: 'FNN', rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' },
  status: {
    region: '学習の状況',
    words: { idle: '準備中', running: '学習中', paused: '一時停止中', error: '停止' },
    workerDown: 'ワーカー停止',
    step: 'ステップ',
    loss: '損失',
    stepsPerSec: 'ステップ/秒',
  },
  errors: {
    banner: (why: string) => `学習が止まりました：${why}。`,
    diverged: (what: string, step: string) => `ステップ ${step} で${what}。学習が発散しています`,
    weightsNotFinite: '重みが有限の値でなくなりました',
    lossBecame: (loss: string) => `損失が ${loss} になりました`,
    crashed: (detail: string) => `ワーカーが異常終了しました（${detail}）`,
    reset: 'リセット',
    restore: '最後の正常な状態に戻す',
    restoreAt: (step: string) => `最後の正常な状態（ステップ ${step}）に戻す`,
    restoreHalf: (step: string, lr: string) => `ステップ ${step} に戻し、学習率を半分（${lr}）にする`,
    grew: (goodStep: string, goodLoss: string, lastStep: string, lastLoss: string, factor: string, steps: string) =>
      `バッチ損失は、最後の正常な状態であるステップ ${goodStep} で ${goodLoss}、ステップ ${lastStep} で ${lastLoss} でした。${steps} ステップで ${factor} 倍になっています。`,
    grewFromStart: (lastStep: string, lastLoss: string) =>
      `最後の正常な状態は学習の開始時（ステップ 0）です。バッチ損失の最後の有限の値は、ステップ ${lastStep} での ${lastLoss} でした。`,
    again: '同じ学習率のまま戻すと、ほぼ同じステップでまた発散することがよくあります。',
  },
  faults: {
    unresponsive: (step: string) => `学習ワーカーがステップ ${step} で応答しなくなりました。`,
    'not-started': '学習ワーカーが起動しませんでした。スクリプトがまだ届いていません。ネットワークが遅いだけなら、届きしだいページはそのまま続きます。',
    'load-failed': '学習ワーカーのスクリプトを読み込めませんでした。',
    crashed: (step: string) => `学習ワーカーがステップ ${step} で異常終了しました。`,
    said: (detail: string) => `メッセージ：「${detail}」`,
    restartFrom: (step: string) => `ステップ ${step} から再開`,
    restartFresh: '再起動',
    keeps: (step: string, lost: string) => `再開すると、最後のチェックポイント（ステップ ${step}）から学習を続けます。その後の ${lost} ステップは失われます。`,
    repeated: '再開した直後にまた失敗したため、もう再開しません。リセットすると、シードから学習をやり直します。',
    recovered: (step: string, lost: string) => `ステップ ${step} のチェックポイントから再開しました。${lost} ステップが失われました。`,
    recoveredNone: (step: string) => `ステップ ${step} のチェックポイントから再開しました。失われたステップはありません。`,
    dismiss: '閉じる',
  },
  offline: {
    ready: 'Gatescope をこのブラウザに保存しました。これからはネットワークがなくても開いて学習できます。',
    update: 'Gatescope の新しいバージョンがあります。',
    updateHow: '再読み込みすると新しいバージョンになり、この実行をリンクから開き直します。それまでは今のバージョンが動き続けます。',
    reload: '再読み込み',
    later: 'あとで',
    dismiss: '閉じる',
  },
  run: { play: '再生', pause: '一時停止', step: '1 ステップ', reset: 'リセット' },
  settings: {
    region: '設定',
    network: 'ネットワーク',
    cellType: 'セルの種類',
    peepholes: '覗き穴結合',
    lstmOnly: 'LSTM のみ',
    forgetFixed: '忘却ゲートを 1 に固定（1997 年の LSTM）',
    cifgNoFix: 'CIFG は f を i から作ります（f = 1 − i）。固定できる忘却ゲートはありません',
    variant: '変種（Greff ら 2017）',
    variants: {
      V: 'V：標準（忘却ゲートと覗き穴結合つき）',
      NIG: 'NIG：入力ゲートなし（i = 1）',
      NFG: 'NFG：忘却ゲートなし（f = 1）',
      NOG: 'NOG：出力ゲートなし（o = 1）',
      NIAF: 'NIAF：入力の活性化関数なし（g は線形）',
      NOAF: 'NOAF：出力の活性化関数なし（h = o⊙c）',
      NP: 'NP：覗き穴結合なし（基本の LSTM）',
      CIFG: 'CIFG：入力ゲートと忘却ゲートを連動（f = 1 − i）',
      FGR: 'FGR：ゲート間の完全な再帰結合',
      other: 'そのほかの組み合わせ',
    },
    resetAfter: 'リセットを行列積の後に適用（cuDNN）',
    hidden: '隠れ層のサイズ',
    window: '窓の幅 k（FNN が一度に見る時刻数）',
    recurrentScale: '再帰重みのスケール',
    forgetBias: '忘却ゲートのバイアス',
    chrono: 'chrono 初期化（Tallec と Ollivier）',
    chronoLstm: 'b_f = log U[1, T_max − 1]、b_i = −b_f。ユニットごとに、最長 T_max 時刻までのそれぞれの時間スケールの記憶から始まります。',
    chronoGru: 'b_z = log U[1, T_max − 1]。ユニットごとに、最長 T_max 時刻までのそれぞれの時間スケールで状態を保つところから始まります。',
    chronoMax: 'T_max（覚えておく最長の遅延）',
    taskHeading: 'タスク',
    task: 'タスク',
    tasks: { sine: '正弦波（次の値の予測）', 'remember-first': '最初の入力を覚える', adding: '加算問題', 'timed-pulse': 'タイミングパルス', data: '自分のデータ' },
    pulseDelay: 'パルスの遅れ（トリガーからの時刻数）',
    pulseWidth: 'パルスの幅（時刻数）',
    delay: '遅延（覚えておく時刻数）',
    length: '系列長',
    noise: 'ノイズ',
    training: '学習',
    lr: '学習率',
    optimizer: '最適化手法',
    optimizers: { adam: 'Adam', sgd: 'モーメンタム付き SGD' },
    batch: 'バッチサイズ',
    clip: '勾配クリッピング',
    seed: 'シード',
  },
  field: {
    notANumber: (label: string, text: string) => `${label}：「${text}」は数値ではありません。`,
    notDecimal: (label: string, text: string) => `${label}：「${text}」は 16、0.5、1e-4 のように 10 進数で書いてください。`,
    wholeNumber: (label: string) => `${label}：整数を入力してください。`,
    range: (label: string, min: string, max: string) => `${label}：${min} から ${max} までの値を入力してください。`,
  },
  time: {
    play: '時間方向に再生',
    stop: '停止',
    speed: 'アニメーションの速さ',
    speedOption: (v: string) => `毎秒 ${v} 時刻`,
    previous: '前の時刻',
    next: '次の時刻',
    slider: '時刻',
    sliderValue: (t: string, T: string) => `t = ${t}（全 ${T} 時刻）`,
    unit: '選択中のユニット',
    of: (H: string) => `（隠れユニット全 ${H} 個）`,
  },
  rolled: {
    region: '折りたたんだ図',
    heading: (cell: string) => `${cell} セル`,
    cursor: (t: string, unit: string) => `t = ${t}、ユニット ${unit}`,
    summary: (cell: string, t: string, unit: string) => `${cell} セル（時刻 ${t}、ユニット ${unit}）`,
    windowLabel: (k: string, before: string | null) =>
      before === null ? '窓の幅 k = 1：x(t) のみ、ループなし' : `窓の幅 k = ${k}：x(t) と x(t−1) … x(t−${before})、ループなし`,
    gates: {
      input: '入力ゲート', forget: '忘却ゲート', output: '出力ゲート',
      keep: '更新ゲート（保持 z）', replace: '更新ゲート（1 − z）', reset: 'リセットゲート',
    },
    controllers: {
      i: ['ゲートコントローラ', '（入力ゲート）'], f: ['ゲートコントローラ', '（忘却ゲート）'], o: ['ゲートコントローラ', '（出力ゲート）'],
      z: ['ゲートコントローラ', '（更新ゲート）'], r: ['ゲートコントローラ', '（リセットゲート）'],
    },
    controllerShort: 'コントローラ',
    nodes: {
      lstm: {
        x: '入力 x(t)',
        f: '忘却ゲートのゲートコントローラ',
        g: '入力ニューロン（候補 g）',
        i: '入力ゲートのゲートコントローラ',
        o: '出力ゲートのゲートコントローラ',
        c: 'セル状態（定誤差カルーセル）',
        h: '出力 h(t)',
        y: '読み出し y(t)',
      },
      gru: {
        x: '入力 x(t)',
        z: '更新ゲートのゲートコントローラ',
        r: 'リセットゲートのゲートコントローラ',
        g: '候補ニューロン',
        h: '隠れ状態 h(t)',
        y: '読み出し y(t)',
      },
      rnn: { x: '入力 x(t)', h: 'tanh ニューロン、隠れ状態 h(t)', y: '読み出し y(t)' },
      fnn: { x: '入力の窓 x(t) … x(t−k+1)', h: 'tanh ニューロン h(t)（ループなし）', y: '読み出し y(t)' },
    },
    legend: '色の凡例：紫が −1、白が 0、オレンジが +1。実線は現在の時刻、破線は時刻 t−1 からの値',
    legendThisStep: '現在の時刻',
    variantNote: {
      NFG: '1997 年の LSTM（NFG）です。忘却ゲートを取り除いて常に 1 にしています（破線）。c は足された内容をすべて保ちます。',
      NIG: '変種 NIG：入力ゲートを取り除いて常に 1 にしています（破線）。新しい内容 g はすべて c に入ります。',
      NOG: '変種 NOG：出力ゲートを取り除いて常に 1 にしています（破線）。h は毎時刻 tanh(c) です。',
      NIAF: '変種 NIAF：g に tanh がなく、重み付き和そのものです。そのため c は際限なく大きくなりえます。',
      NOAF: '変種 NOAF：c と出力ゲートの間の tanh を取り除いています（破線）。h = o⊙c です。',
      CIFG: '変種 CIFG：忘却ゲートを入力ゲートから作ります。f = 1 − i（色のついた結合）。GRU の z と 1 − z と同じ考え方です。',
      FGR: '変種 FGR：各ゲートコントローラ（i・f・o）は、1 時刻前の 3 つすべての値も、9 個の行列 R を通して受け取ります（横のループ）。',
    },
    stripsNote: '各ノードは、選択中の 1 つの隠れユニットの値を示します（上の欄か ↑ ↓ で選べます）。各ニューロンの下と c・h の中にある帯は、この時刻での全ユニットの値を示します。黒枠が選択中のユニットです。帯のマスをクリックすると、そのユニットを選べます。',
    inputsNote: '入力が 2 つのとき（加算問題）、x には両方を「値 · 印」の形で示します（印は足し合わせる 2 つの時刻で 1）。',
    legendPrevious: '時刻 t−1 から',
  },
  legends: {
    value: 'この時刻の値',
    valueName: '値の色：紫が −1、白が 0、オレンジが +1（ゲートは 0 から 1）',
    gradient: (what: string) => `|∂L/∂${what}|（対数目盛）`,
    gradientName: (what: string, low: string, high: string) => `|∂L/∂${what}| の色（対数目盛）：暗い色が ${low} 以下、黄色が ${high}`,
    stepNorm: '‖∂L/∂h(t)‖（対数目盛）',
    stepNormName: (low: string, high: string) => `勾配の履歴の色、‖∂L/∂h(t)‖（対数目盛）：暗い色が ${low}、黄色が ${high}`,
  },
  loss: {
    region: '損失グラフ',
    heading: '学習時の損失',
    logScale: '対数目盛',
    summary: (loss: string, step: string) => `ステップ ${step} の損失 ${loss}`,
    none: 'まだ学習していません',
    pressPlay: '「再生」を押すと学習が始まります',
  },
  prediction: {
    before: '介入前の y',
    region: '予測と目標値',
    heading: '出力 y と目標値',
    target: '目標値',
    summary: (y: string, t: string) => `時刻 ${t} の出力 ${y} と目標値`,
    probe: '表示中の例：どの図にも描かれる、1 本の入力系列です。',
    newExample: '別の例',
  },
  unrolled: {
    region: '展開した図',
    heading: '時間方向に展開した図',
    window: (first: string, last: string, T: string, unit: string) => `時刻 ${first}〜${last}（全 ${T}）、ユニット ${unit}`,
    backward: '逆伝播',
    playBackward: '逆向きに再生',
    stop: '停止',
    backwardNote: (unit: string, decades: string, lstm: boolean) =>
      `逆伝播：線の太さと色は、ユニット ${unit} の |∂L/∂·| が過去へ流れる大きさを表します（対数目盛、${decades} 桁）。` +
      (lstm ? '上の線はセル状態 c に沿った経路、下の線は h を通る経路です。' : '状態の線が ∂L/∂h を過去へ運びます。'),
    summary: (first: string, last: string, cell: string, unit: string) => `展開した ${cell} の時刻 ${first}〜${last}、ユニット ${unit}`,
    nodeAt: (node: string, t: string, value: string) => `${node}（t = ${t}）：${value}`,
    gates: { input: '入力', forget: '忘却', output: '出力', keep: '保持 z', replace: '1 − z', reset: 'リセット' },
    clickStep: '時刻をクリックすると、カーソルがそこへ移動します',
    windowBefore: (n: string) => `← さらに前の入力 ${n} 個も窓に入っています`,
  },
  gradient: {
    region: '時間方向の勾配',
    heading: '時間方向の勾配',
    tooFew: (name: string) => `${name}：時刻が少なすぎて当てはめられません`,
    fit: (name: string, factor: string, from: string, to: string) =>
      `${name}：1 時刻さかのぼるごとに ×${factor}（時刻 ${from}〜${to} で当てはめ）`,
    summary: (fits: string) => `時間方向の勾配ノルム。${fits}`,
    history: '勾配の履歴：log ‖∂L/∂h(t)‖ を学習ステップ（行、上から下へ）と時刻（列）ごとに表示',
    historySpan: (from: string, to: string) => `— ステップ ${from}〜${to}`,
    historyLabel: '勾配の履歴：行は学習ステップ、列は時刻、色は勾配ノルムの対数',
  },
  heatmaps: {
    region: 'ヒートマップ',
    heading: 'ユニット × 時刻',
    explain: '行：ユニット、列：表示中の例の時刻。クリックでカーソルを移動',
    gates: {
      lstm: { i: '入力ゲート i', f: '忘却ゲート f', g: '入力ニューロン g（候補）', o: '出力ゲート o' },
      gru: { z: '更新ゲート z', r: 'リセットゲート r', g: '候補 g' },
      rnn: {},
      fnn: {},
    },
    cellState: 'セル状態 c',
    outputH: '出力 h',
    stateH: '隠れ状態 h',
    magnitude: (what: string, decades: string) => `|∂L/∂${what}|（対数、${decades} 桁）`,
    unitsByTime: (label: string) => `${label}：ユニット × 時刻`,
  },
  lab: {
    region: 'ゲートの実験室',
    heading: 'ゲートの実験室：部品を外して何が壊れるか見る',
    intro: 'ゲートをある値に固定したり、ユニットを止めたりできます。どのビューも、いまのネットワークが計算する例をすぐに表示し、そのまま学習を続けることもできます。変えたネットワークに対して勾配は正確なままです。固定したゲートは自分の重みに勾配を流しません。セルの図でゲートをクリックすると、ここで選べます。',
    noFnn: 'FNN には固定できるゲートも、止められる再帰ユニットもありません。',
    gate: 'ゲート',
    units: '対象',
    unitN: (n: string) => `ユニット ${n}`,
    allUnits: 'すべてのユニット',
    slider: (gate: string) => `${gate} を固定する値`,
    value: (gate: string, min: string, max: string) => `${gate} の固定値（${min}〜${max}）`,
    hold: '固定する',
    silence: (n: string) => `ユニット ${n} を止める`,
    listLabel: 'ネットワークへの介入',
    heldOne: (gate: string, n: string, value: string) => `ユニット ${n} の${gate} を ${value} に固定`,
    heldAll: (gate: string, value: string) => `すべてのユニットの${gate} を ${value} に固定`,
    silenced: (n: string) => `ユニット ${n} を停止（c = 0、h = 0）`,
    undo: '元に戻す',
    undoOne: (what: string) => `元に戻す：${what}`,
    undoAll: 'すべて元に戻す',
    effect: (before: string, step: string, now: string) => `例での損失：前 ${before}（ステップ ${step}）、いま ${now}。`,
    waiting: '例を計算し直しています…',
  },
  check: {
    region: '勾配チェック',
    heading: '勾配は正しいか',
    button: '勾配をチェック',
    explain:
      'エンジンが表示中の例で計算したすべての勾配を、損失の有限差分と比べます（float64 で計算し、1 つの行列につき最大 24 要素）。',
    agree: '✓ すべての勾配が一致',
    disagree: '✗ 一致しない勾配あり',
    worst: (verdict: string, error: string, step: string, ms: string) => `${verdict}：最大相対誤差 ${error}（ステップ ${step}、${ms} ms）。`,
    weight: '重み',
    elements: '要素数',
    largest: '最大相対誤差',
  },
  cost: {
    region: 'コスト',
    heading: (H: string, I: string, O: string) => `H = ${H}、I = ${I}、O = ${O} でのコスト`,
    measure: '速度を計測',
    cell: 'セル',
    params: 'パラメータ数',
    forward: '1 時刻あたりの FLOPs（順伝播）',
    backward: '逆伝播',
    us: (B: string, T: string) => `学習 1 ステップあたりの µs（B = ${B}、T = ${T}）`,
    ofLstm: (pct: string) => `（LSTM の ${pct}%）`,
    explain:
      '演算数は式どおりに数えています（積和 1 回を 2 演算とします）。速度は、お使いのブラウザー上でのこのエンジンの実測値です。計測中は学習を一時停止します。',
    engine: '計算カーネル',
    engineWasm: 'WebAssembly SIMD',
    engineJs: 'JavaScript',
    engineRestarts: 'カーネルを切り替えると、学習はシードから始め直しになります。',
    runsWasm: '学習は WebAssembly SIMD のカーネルで計算しています（float32、1 命令で 4 つの数を処理）。',
    runsJs: '選択どおり、学習は JavaScript のカーネルで計算しています。基準となる実装で、数倍遅くなります。',
    fallback: (reason: string) => `この環境では WebAssembly SIMD が使えません（${reason}）。代わりに、数倍遅い JavaScript のカーネルで学習しています。WebAssembly での結果とは末尾の桁が異なることがあります。`,
    problems: {
      'no-wasm': 'このブラウザーには WebAssembly がありません',
      'no-simd': 'このブラウザーの WebAssembly は SIMD に対応していません',
      blocked: 'ページのセキュリティポリシー（CSP）が WebAssembly のコンパイルを許可していません',
      failed: 'WebAssembly のカーネルを起動できませんでした',
    },
  },
  compare: {
    variantShort: {
      V: 'V（標準）', NIG: 'NIG（i = 1）', NFG: 'NFG（f = 1）', NOG: 'NOG（o = 1）', NIAF: 'NIAF（g は線形）',
      NOAF: 'NOAF（h = o⊙c）', NP: 'NP（覗き穴なし）', CIFG: 'CIFG（f = 1 − i）', FGR: 'FGR（ゲート間の再帰）',
    },
    takeApart: 'LSTM を分解する',
    takeApartHint: 'Greff ら（2017）の LSTM の 9 つの変種を、このタスクとシードで並べて学習します',
    region: '比較',
    heading: 'このタスクでセルを比較',
    withPeepholes: 'LSTM + 覗き穴結合も含める',
    steps: 'ステップ数',
    start: 'セルを比較',
    stop: '比較を中止',
    intro:
      'どのセルも同じタスク、シード、隠れ層のサイズ、最適化手法で、2 つのワーカーで並べて学習させ、最後に 256 本の検証用系列で評価します。' +
      'プリセットを選ぶと、タスクを設定してすぐに学習を始めます。',
    presets: 'プリセット',
    cell: 'セル',
    step: 'ステップ',
    trainingLoss: '学習時の損失',
    heldOut: '検証用の損失 ÷ ベースライン',
    ratioStart: '（学習開始時）',
    ratioTrained: '同（学習後）',
    decay: '1 時刻さかのぼるごとの勾配倍率（表示中の例）',
    diverged: '発散',
    failed: 'ワーカー停止',
    below: (v: string) => `${v} 未満`,
    above: (v: string) => `${v} 超`,
    expected: (bound: string) => `想定：${bound}`,
    claimHolds: (bound: string) => `主張どおり：${bound}`,
    claimFails: (bound: string) => `主張と異なる：想定は ${bound}`,
    power: (exponent: string) => `10 の ${exponent} 乗`,
    footnote:
      'ベースライン：常に目標値の平均を予測した場合の損失（1 = 何も学習していない）。勾配の比は 64 本の検証用系列での幾何平均です。' +
      '10⁻¹⁰ は、最初の時刻に届く誤差が、最後の時刻が受け取る誤差の 100 億分の 1 であることを表します。',
    lossCaption: '学習時の損失',
    gradCaption: '表示中の例での ‖∂L/∂h(t)‖（時刻ごと）',
    lossLabel: '比較したセルの損失曲線',
    gradLabel: '比較したセルの、時間方向の勾配ノルム',
    floorNote: (floor: string) => `${floor} の破線：これより小さい値と 0 は、この線の上に描いています`,
    lstmPeephole: 'LSTM + 覗き穴結合',
  },
  shortcuts: {
    title: 'キーボードショートカット',
    close: '閉じる',
    keys: [
      ['スペース', '学習の再生／一時停止'],
      ['← →', '前／次の時刻'],
      ['Home End', '最初／最後の時刻'],
      ['↑ ↓', '前／次のユニット'],
      ['P', '覗き穴結合のオン／オフ（LSTM）'],
      ['?', 'この一覧を表示'],
      ['Esc', 'この一覧を閉じる'],
    ],
    note: '入力欄に入力している間を除き、ページのどこでもキーが使えます。数式の中では ← → で項を順にたどります。Tab キーでボタンやリンクに移ったときは Space でそれを押します。クリックした後は、Space で再生と一時停止を切り替えます。',
  },
  sequences: {
    heading: '自分の系列',
    intro: '手元の系列をネットワークに通して見たり、系列の集まりで学習させたりできます。CSV は 1 行が 1 時刻です。見出し行で列の役割を決めます：target や y（y1、target_2 など）は目標、seq や id は系列 ID、それ以外の名前は入力です。目標の行が空の時刻には目標がありません。JSON は行の配列、{"inputs", "targets"}、{"sequences": [...]} のいずれかです。',
    choose: 'ファイルを選ぶ…',
    dropHere: 'CSV か JSON のファイルをここにドロップ',
    paste: '系列（または系列の集まり）を貼り付ける',
    read: '貼り付けた内容を読む',
    pasted: '貼り付けた内容',
    targetsFile: '目標を別のファイルから…',
    summary: (name: string, sequences: string, steps: string, inputs: string, targets: string) =>
      `${name}：${sequences}、${steps}。入力 ${inputs}。目標 ${targets}。`,
    oneSequence: '系列 1 個',
    manySequences: (n: string) => `系列 ${n} 個`,
    stepsRange: (lo: string, hi: string) => (lo === hi ? `${hi} 時刻` : `${lo}〜${hi} 時刻`),
    noTargets: 'なし',
    readFailed: (name: string, why: string) => `${name} は読み込んでいません（何も変わっていません）：${why}。`,
    notText: 'UTF-8 のテキストではありません',
    targetsFailed: (name: string, why: string) => `${name} の目標は加えていません：${why}。`,
    whichSequence: '系列',
    show: 'ネットワークに通して表示',
    train: 'この系列で学習',
    loss: '損失',
    losses: { mse: '平均二乗誤差', ce: '交差エントロピー（時刻ごとに 1 クラス）' },
    ceNeedsClasses: '交差エントロピーには、目標の各行がクラスの分布（one-hot）である必要があります。',
    refused: (why: string) => `実行していません：${why}。`,
    showing: (id: string, T: string, name: string) => `${name} の系列 ${id}（${T} 時刻）をネットワークに通して表示しています。`,
    backToExamples: 'タスクの例に戻す',
    trainingOn: (name: string, train: string, held: string) => `${name} で学習中：学習に ${train} 系列、評価用に ${held} 系列を取り分けています。`,
    trainingShared: (name: string) => `${name} で学習中：系列が 1 個だけなので、同じ系列で学習と評価をしています（取り分けた系列はありません）。`,
    viewOnly: 'この系列には目標がありません。ネットワークに通して表示はできますが、学習はできません。',
    waiting: (name: string, inputs: string, outputs: string) =>
      `${name} は時刻ごとに入力 ${inputs} 個・出力 ${outputs} 個のモデルで、この形のタスクはありません。同じ形の系列をここに持ち込むと動かせます。`,
    tooLong: (steps: string, batch: string, hidden: string, mib: string, max: string) =>
      `いちばん長い系列が ${steps} 時刻あります。バッチ ${batch}、H = ${hidden} では学習に約 ${mib} MiB が要り、このページの上限 ${max} MiB を超えます（バッチサイズか隠れユニット数を小さくしてください）`,
    score: '取り分けた系列で評価',
    scored: (ratio: string, step: string) => `取り分けた系列での損失 ÷ 基準（学習用の目標の平均を予測）：${ratio}（ステップ ${step}）。`,
    noScore: '取り分けた系列のどの時刻にも目標がないため、評価できません。',
    linkNote: 'リンクには自分の系列を含められません。',
  },
  share: {
    copy: 'リンクをコピー',
    copied: 'リンクをコピーしました。この学習を、今のステップ・ユニット・時刻の状態で開けます。',
    copyFailed: 'リンクをコピーできませんでした。リンクはアドレスバーに表示されています。',
    interventions: 'ゲートの実験室での介入は、まだリンクに含められません。リンクを開くと介入なしの学習になります。',
    changedMidRun: 'この学習の途中で設定が変更されました。リンクを開くと現在の設定で最初から学習し直すため、数値が異なることがあります。',
    importedModel: 'このモデルは読み込んだものです。リンクには重みを含められないため、リンクを開くとシードから新しく学習し直した結果になります。',
    ownData: 'この学習は自分の系列で行っています。リンクには系列を含められないため、リンクを開くと、同じセルと設定で正弦波のタスクを開きます。',
    ownProbe: '表示中の系列は自分で持ち込んだものです。リンクには含められないため、リンクを開くとタスクの例を表示します。',
    ignored: (fields: string) => `リンク内の一部の設定を無視し、既定値を使いました：${fields}。`,
    andMore: (n: string) => `、ほか ${n} 件`,
    reason: {
      notANumber: (field: string, value: string) => `${field}（「${value}」は数値ではありません）`,
      notDecimal: (field: string, value: string) => `${field}（「${value}」は 16、0.5、1e-4 のような 10 進数の書き方ではありません）`,
      outOfRange: (field: string, value: string, min: string, max: string) => `${field}（${value} は ${min}〜${max} の範囲外です）`,
      notWhole: (field: string, value: string) => `${field}（${value} は整数ではありません）`,
      unknownValue: (field: string, value: string) => `${field}（「${value}」は指定できる値ではありません）`,
      unknownField: (field: string) => `${field}（このような設定はありません）`,
      notForCell: (field: string, cell: string) => `${field}（${cell} にはこの設定はありません）`,
      conflicts: (field: string, other: string) => `${field}（${other} とは併用できません。CIFG は忘却ゲートを入力ゲートから作ります：f = 1 − i）`,
      ignoredInLesson: (field: string) => `${field}（レッスンの章は自分のネットワークを用意します）`,
    },
    dismiss: '閉じる',
    reaching: (target: string) => `リンクの状態を再現するため、ステップ ${target} まで学習しています：`,
    progress: (done: string, pct: string) => `${done} ステップ完了（${pct} %）、`,
    rate: (rate: string, left: string) => `毎秒 ${rate} ステップ、残り約 ${left}。`,
    hours: (n: string) => `${n} 時間`,
    minutes: (n: string) => `${n} 分`,
    seconds: (n: string) => `${n} 秒`,
    cancel: '中止',
    tooLong: (target: string, rate: string, time: string, now: string) =>
      `このリンクはステップ ${target} を求めています。ここで計測した毎秒 ${rate} ステップでは約 ${time} かかり、リンク 1 つに許す 10 分を超えます。学習はステップ ${now} で止めました。`,
    trainTo: (step: string) => `ステップ ${step} で開く（10 分）`,
    trainAnyway: (step: string) => `ステップ ${step} まで学習を続ける`,
    embedOpen: 'Gatescope で開く',
  },
  exporting: {
    svg: 'SVG',
    png: 'PNG',
    failed: (detail: string) => `画像を作れませんでした（${detail}）`,
    asSvg: (what: string) => `${what}を SVG で書き出す`,
    asPng: (what: string) => `${what}を PNG で書き出す`,
    heading: '書き出しと読み込み',
    traceCsv: 'トレース（CSV）',
    traceJson: 'トレース（JSON）',
    traceNote: 'トレースには、表示中の例の全時刻・全ユニットについて、すべてのゲート、状態、勾配が入ります。',
    model: 'モデルを書き出す',
    importModel: 'モデルを読み込む…',
    modelNote:
      'モデルファイルには、ドキュメントに記載した形式で重みが入っています。読み込んだモデルは学習したモデルと同じように調べられ、' +
      '「再生」を押すとそこから学習を続けます。',
    formats: '読み込めるのは Gatescope のモデルファイル、PyTorch の state dict（.safetensors）、TF.js Layers のモデルです。TF.js のモデルは model.json と .bin ファイルをまとめて選ぶか、ここにドロップしてください。',
    toPytorch: 'モデルを PyTorch 形式で書き出す',
    toTfjs: 'モデルを TF.js Layers 形式で書き出す',
    dropHere: 'モデルのファイルをここにドロップ',
    exportRefused: (detail: string) => `モデルを書き出せませんでした：${detail}。`,
    notText: 'モデルファイル（JSON）でも PyTorch の safetensors ファイルでもありません',
    formatSafetensors: (detail: string) => `PyTorch の safetensors ファイルですが、${detail}`,
    formatTfjs: (detail: string) => `TF.js Layers のモデルですが、${detail}`,
    imported: (cell: string, H: string, name: string) => `${name} から ${cell}（H = ${H}）を読み込みました。`,
    importFailed: (name: string, why: string) => `${name} を読み込めませんでした（${why}）。現在のモデルはそのままです。`,
    tooLarge: (size: string) => `ファイルが ${size} MB あり、上限の 5 MB を超えています`,
    tooDeep: (limit: string) => `ファイルの入れ子が ${limit} 段より深くなっています（モデルファイルに必要なのは 4 段です）`,
    notJson: (detail: string) => `JSON ではありません（${detail}）`,
    wrongFormat: (got: string) => `Gatescope のモデルファイルではありません（形式：${got}）`,
    wrongVersion: (got: string, want: string) => `バージョンが ${got} です。この Gatescope が読めるのはバージョン ${want} です`,
    invalid: (path: string, problem: string) => `${path} が正しくありません：${problem}`,
    hiddenTooLarge: (H: string, max: string) => `隠れ層のサイズが ${H} で、このページで動かせる ${max} を超えています`,
  },
  equations: {
    region: '数式',
    heading: 'カーソル位置での式',
    forward: '順伝播',
    backward: '逆伝播',
    terms: '数式の項',
    hoverHint: '項にポインターを合わせると、セルの図で対応する箇所がわかります。数式にフォーカスして ← → で項を順にたどることもできます。',
    at: (t: string, unit: string) => `t = ${t}、ユニット ${unit}`,
    noData: '学習を始めるか 1 ステップと、数値が表示されます。',
    lastStep: '最後の時刻では、t + 1 から戻ってくる勾配はありません。',
  },
  explain: {
    more: 'なぜうまくいくのか',
  },
  summaries: {
    memory: { kept: '記憶を保持', cleared: '記憶を消去', partly: '記憶を一部保持' },
    gru: { kept: '状態を保持', replaced: '状態を置き換え', mixed: '状態を候補と混合' },
    rolled: (t: string, unit: string, gate: string, value: string, meaning: string) =>
      `t = ${t}、ユニット ${unit}：${gate} ${value}、${meaning}`,
    heatmap: (label: string, T: string, H: string, min: string, mean: string, max: string) =>
      `${label}：${H} ユニット × ${T} 時刻。最小 ${min}、平均 ${mean}、最大 ${max}`,
  },
  presets: {
    adding: {
      title: '勾配消失：加算問題（T = 100）',
      explanation:
        '100 個の入力のうち 2 つに印が付いていて、最後の時刻で問われる答えはその 2 つの和です。印の付いた値の 1 つは前半にあるので、' +
        'どの入力が重要かをネットワークに教えるには、誤差が 50 時刻以上さかのぼらなければなりません。RNN は' +
        '最後まで平均値を予測するだけですが、LSTM と GRU は学習できます。学習中の勾配の曲線を見てください。はじめは 3 つとも、' +
        '誤差信号がさかのぼるうちに弱まります。いちばん弱まるのは更新ゲートが半分開いた状態から始まる GRU で、いちばん弱まらないのは ' +
        'RNN です。ゲートのあるセルは印の付いた値を保つことを学ぶにつれて曲線が持ち上がり、ほぼ水平になります。一方 RNN では、' +
        '最初の時刻に届く誤差が最後の時刻の 10 億分の 1 にも満たなくなります。ゲートは初めから勾配を運ぶのではなく、運ぶことを' +
        '学ぶのです。直交行列による再帰重みと忘却ゲートのバイアス 1 はごく一般的な初期設定で、' +
        'RNN を不利にするものではありません。',
    },
    'remember-first': {
      title: '最初の入力を覚える（T = 50）：記憶はいつ残るのか',
      explanation:
        '答えは最初の入力で、その後の 49 個は [−1.5, 1.5] のノイズです。記憶が残るのは、ゲートが開いた状態から始まる場合だけです。' +
        'このプリセットの LSTM は忘却ゲートのバイアス 3 から始まるので f ≈ σ(3) ≈ 0.95 となり、セル状態は毎時刻その内容の大半を' +
        '保ちます。そのため学習できます。GRU は更新ゲートが半分開いた状態（z ≈ 0.5）から始まるので毎時刻記憶の半分が入れ替わり、' +
        'RNN にはそもそもゲートがありません。どちらも最後はベースラインにとどまります。このプリセットでバイアスを 3 にしているのは' +
        'そのためです。一般的なバイアス 1 でも 0 でも、LSTM は 3 つのシードのどれでも学習できませんでした。また学習率は通常の半分の ' +
        '0.005 にしています。0.01 では、3 つのシードのうち 1 つで LSTM の学習が不安定になりました。' +
        '加算問題では GRU も LSTM と同じように学習するのに、ここでは違うのはなぜでしょうか。違いはセルではなく出発点にあります。' +
        'はじめの時点で、LSTM の最初の時刻には誤差がほとんど弱まらずに届きますが、GRU には 100 万分の 1 も届きません。GRU が更新' +
        'ゲートを閉じることを学ぶ前に、残りはノイズに埋もれてしまいます。ノイズがなければ（ノイズ 0）RNN でも学習できます。入力が 0 の間も、直交行列の重みが信号を運ぶからです。',
    },
    chrono: {
      title: 'chrono 初期化：最初の入力を 100 時刻覚える',
      explanation:
        '「最初の入力を覚える」を 2 倍の遅延（T = 100、ノイズ ±1.5）にしたタスクです。忘却ゲートのバイアスはふつうの 1 ですが、' +
        'ゲートのバイアスを Tallec と Ollivier（2018）の提案どおりに引きます。LSTM は b_f = log U[1, 99]、b_i = −b_f、GRU は b_z = log U[1, 99] です。' +
        '各ユニットがそれぞれの時間スケールの記憶をもって学習を始め、その中には遅延と同じくらい長く覚えるユニットもあります。' +
        'LSTM も GRU も学習でき、設定するゲートのない RNN は基準のままです。chrono なしでは、試した 3 つのシード（1〜3）のすべてで、' +
        'GRU もバイアス 1 の LSTM も基準のままでした。どの学習でも、ネットワークの設定で chrono を入れられます。T_max はタスクに必要な最長の遅延くらいにします。',
    },
    sine: {
      title: '正弦波（記事の例）',
      explanation:
        '正弦波の次の値を予測します。各時刻で必要なのは直前のいくつかの値だけで、遠くまで運ぶべき情報はないため、3 種類のセルは' +
        'どれも 1000 ステップ以内に学習します。ここでセルの違いが出るのは、何を学習できるかではなくコストです。コストパネルを見て' +
        'ください。毎時刻に損失があり、どの時刻も自分の誤差を受け取るので、勾配の比からわかることはあまりありません。',
    },
    'take-apart': {
      title: 'LSTM を分解する：加算問題（T = 100）',
      explanation:
        'Greff ら（2017）の 9 つの LSTM は、それぞれ標準の V（忘却ゲートと覗き穴結合つき）と 1 か所だけ違います。これらを同じシードで' +
        '並べて加算問題を学習させます。ここでセルが手放せないのは入力ゲートです。i を 1 に固定すると（NIG）、100 個の入力がすべてセル' +
        '状態に入ります。無視すべき 98 個も、意味のある 2 個と同じだけ入ってしまい、測ったシード（1・2・3）のどれでもベースラインの' +
        'ままでした。入力ゲートが解決する重み衝突そのものです。忘却ゲートを入力ゲートに連動させても（CIFG）、覗き穴結合を取り除いても' +
        '（NP）、測れるほどの損はありませんでした。Greff らの結果と同じです。一方、忘却ゲートのない LSTM（NFG）や出力の活性化関数の' +
        'ない LSTM（NOAF）が劣るという彼らのもう一つの結果は、ここでは現れません。NOAF は 3 つのシードすべてで、NFG と FGR は 2 つで' +
        '学習しました。彼らのタスクは音声・手書き文字・音楽の長い流れでしたが、ここでは系列ごとに空の記憶から始めます。',
    },
    'no-forget': {
      title: '最初の入力を覚える：忘却ゲートのない LSTM（T = 50）',
      explanation:
        '最初の入力を 49 時刻分のノイズの間ずっと保つ必要があります。ここでは忘却ゲートのバイアスを通常の 1 から始めるので f ≈ 0.73 と' +
        'なり、標準の LSTM（V）は記憶を少しずつ失って、シード 1・2・3 のどれでもベースラインのままでした。忘却ゲートを取り除くと' +
        '（NFG、1997 年の LSTM）f = 1 となり、セル状態は CEC（定誤差カルーセル）そのものです。何も漏れず、どのシードでも学習します。' +
        '忘却ゲートは忘れるためのものです。忘れるべきものがないタスクでは、開いたままでいることを学ぶまで邪魔になります。FGR も学習' +
        'します。そのゲートコントローラは 1 時刻前の自分たちの値も見ています。忘却バイアスを 3 から始めて V が学習する「最初の入力を' +
        '覚える」のプリセットと比べてみてください。',
    },
  },
};
