/**
 * The problems of models from other frameworks (src/engine/formats/problems.ts) in Japanese. The
 * English words come from the engine itself (formatProblemText); these say the same things. Names
 * of tensors, layers and keys stay as the file has them.
 */
import { clipName, type FormatProblem, type Unexportable } from '../engine/formats/problems';

const list = (names: readonly string[]): string => {
  const shown = names.slice(0, 4).map(clipName).join('、');
  return names.length > 4 ? `${shown} ほか ${names.length - 4} 個` : shown;
};

const UNEXPORTABLE: { pytorch: Record<Unexportable, string>; tfjs: Record<Exclude<Unexportable, 'standardGru'>, string> } = {
  pytorch: {
    peephole: 'nn.LSTM には覗き穴結合がありません。覗き穴結合つきの LSTM は PyTorch に書き出せません',
    forgetFixed: 'nn.LSTM には必ず忘却ゲートがあります。f を 1 に固定した LSTM は PyTorch に書き出せません',
    variant: 'nn.LSTM は基本の LSTM です。Greff らの変種（NIG・NOG・NIAF・NOAF・CIFG・FGR）は PyTorch に書き出せません',
    standardGru: 'nn.GRU はリセット後置型の GRU（U h のあとに r を掛ける）です。標準の GRU は PyTorch に書き出せません',
    fnn: '窓つき FNN に当たる PyTorch のレイヤーはありません（nn.RNN・nn.LSTM・nn.GRU は再帰型です）',
  },
  tfjs: {
    peephole: 'Keras の LSTM には覗き穴結合がありません。覗き穴結合つきの LSTM は TF.js に書き出せません',
    forgetFixed: 'Keras の LSTM には必ず忘却ゲートがあります。f を 1 に固定した LSTM は TF.js に書き出せません',
    variant: 'Keras の LSTM は基本の LSTM です。Greff らの変種（NIG・NOG・NIAF・NOAF・CIFG・FGR）は TF.js に書き出せません',
    fnn: '窓つき FNN に当たる Keras のレイヤーはありません（SimpleRNN・LSTM・GRU は再帰型です）',
  },
};

const WANTS = {
  tanh: 'Gatescope のセルは tanh を使います',
  sigmoid: 'Gatescope のゲートはロジスティック・シグモイドを使います（TF.js の既定は hard_sigmoid です。Keras の既定と同じく recurrentActivation: \'sigmoid\' でレイヤーを作ってください）',
  forwards: 'Gatescope は系列を先頭から読みます',
  linear: 'Gatescope の出力層は線形です（y = W_y h + b_y）',
} as const;

const MALFORMED = {
  entry: 'dtype・shape・data_offsets をもつオブジェクトではありません',
  dtype: 'dtype がありません',
  shape: 'shape が大きさの並びではありません',
  offsets: 'data_offsets が [begin, end] ではありません',
} as const;

export function formatProblemJa(p: FormatProblem): string {
  switch (p.kind) {
    case 'tooShort': return `ファイルが ${p.bytes} バイトしかなく、8 バイトのヘッダー長に足りません`;
    case 'headerTooLong': return `ヘッダーが ${p.bytes} バイトとされており、上限の ${p.max} バイトを超えています`;
    case 'headerPastEnd': return `ヘッダーは ${p.bytes} バイトのはずですが、長さの後ろには ${p.have} バイトしかありません`;
    case 'headerNotUtf8': return 'ヘッダーが UTF-8 のテキストではありません';
    case 'headerTooDeep': return `ヘッダーの入れ子が ${p.limit} 段を超えています`;
    case 'headerNotJson': return `ヘッダーが JSON ではありません（${p.detail}）`;
    case 'headerNotObject': return 'ヘッダーが JSON のオブジェクトではありません';
    case 'metadataNotStrings': return p.key === null ? '__metadata__ が文字列のオブジェクトではありません' : `__metadata__.${p.key} が文字列ではありません`;
    case 'tensorMalformed': return `テンソル ${p.name}：${MALFORMED[p.what]}`;
    case 'dtypeNotRead': return `テンソル ${p.name}：dtype ${p.dtype} は読めません（F32・F64・F16・BF16 のみ）`;
    case 'lengthMismatch': return `テンソル ${p.name}：${p.dtype} の形 ${p.shape} には ${p.need} バイト要りますが、data_offsets は ${p.got} バイトです`;
    case 'dataPastEnd': return `テンソル ${p.name}：データが ${p.end} バイト目で終わるとされていますが、ファイルのデータは ${p.have} バイトです`;
    case 'overlap': return `テンソル ${p.name}：ほかのテンソルとバイトが重なっています`;
    case 'hole': return `データの ${p.from}〜${p.to} バイトがどのテンソルにも属していません`;
    case 'unaccounted': return `ヘッダーが示すデータは ${p.covered} バイトですが、ファイルには ${p.have} バイトあります`;
    case 'layers': return `レイヤーが 2 層以上あります（${list(p.names)}）。Gatescope が読むのは再帰層 1 層だけです`;
    case 'bidirectional': return `双方向のレイヤーです（${list(p.names)}）。Gatescope が読むのは一方向だけです`;
    case 'projection': return `proj_size つきの LSTM です（${list(p.names)}）。Gatescope の LSTM には射影がありません`;
    case 'noRecurrent':
      return p.from === 'pytorch'
        ? `再帰層がありません。weight_ih_l0 で終わるテンソルがありません（あったもの：${p.found.length ? list(p.found) : 'なし'}）`
        : `SimpleRNN・LSTM・GRU のレイヤーがありません（あったもの：${p.found.length ? list(p.found) : 'なし'}）`;
    case 'notMatrix': return `${p.key} は ${p.got} で、行列ではありません`;
    case 'recurrentCount': return `再帰層が ${p.names.length} 個あります（${list(p.names)}）。Gatescope が読むのは 1 個だけです`;
    case 'missingTensor': return `${p.beside} に対応する ${p.key} がありません`;
    case 'shape': return `${p.key} は ${p.got} ですが、${p.want} のはずです`;
    case 'gateRows': return `${p.key} は ${p.got} です。行数が列数 ${p.columns} の 1・3・4 倍（RNN・GRU・LSTM）のどれでもありません`;
    case 'readouts': return `出力層になりうる行列が複数あります（${list(p.names)}。どれも H = ${p.hidden} からの行列）。nn.Linear は 1 つにしてください`;
    case 'unused': return `Gatescope が使わないテンソルがあります（${list(p.names)}）。読むのは再帰層 1 層と、H = ${p.hidden} からの nn.Linear 出力層 1 つです`;
    case 'nonFinite': return `${p.key} の ${p.index} 番目が ${p.value} です。値はすべて有限でなければなりません`;
    case 'notModelObject': return 'model.json が JSON のオブジェクトではありません';
    case 'noTopology': return 'model.json に modelTopology オブジェクトがありません。TF.js Layers のモデルではありません';
    case 'notSequential': return `モデルが ${p.className ?? 'クラス名のないモデル'} で、Sequential ではありません`;
    case 'noLayerList': return 'Sequential モデルにレイヤーの一覧がありません';
    case 'layerMalformed': return `${p.index} 番目のレイヤーに class_name と config がありません`;
    case 'strayLayers': return `Gatescope が読まないレイヤーがあります（${list(p.names)}）。読むのは再帰層 1 つと Dense 1 つです`;
    case 'denseFirst': return 'Dense レイヤーが再帰層より前にあります。Gatescope は再帰層のあとの Dense を出力層として読みます';
    case 'option': return `${p.layer} の ${p.key} が ${p.value} です。${WANTS[p.want]}`;
    case 'manifest':
      return p.what === 'none' ? 'model.json に weightsManifest がありません'
        : p.what === 'group' ? `weightsManifest[${p.group}] に paths と weights がありません`
        : p.what === 'paths' ? `weightsManifest[${p.group}].paths にファイル名でないものがあります`
        : `weightsManifest[${p.group}] に名前か形のない重みがあります`;
    case 'missingShard': return `重みのシャード ${clipName(p.path)} がありません（model.json の weightsManifest[${p.group}] が指しています）`;
    case 'notFloat32': return p.dtype === null ? `重み ${p.name} は量子化されています。Gatescope が読むのは float32 の重みです` : `重み ${p.name} は ${p.dtype} です。Gatescope が読むのは float32 の重みです`;
    case 'shardShort': return `weightsManifest[${p.group}] のシャードは ${p.bytes} バイトで、重み ${p.name}（${p.offset} バイト目からの float32、${p.shape}）には足りません`;
    case 'shardLong': return `weightsManifest[${p.group}] のシャードは ${p.bytes} バイトありますが、重みが使うのは ${p.used} バイトです`;
    case 'weightCount': return `マニフェストに重みが ${p.names.length} 個あります（${list(p.names)}）。この ${p.layer}${p.dense ? ' と Dense' : ''} には ${p.need} 個要ります`;
    case 'units': return `${p.layer} のユニット数は ${p.units} ですが、再帰カーネルは ${p.got} です`;
    case 'size': return `${{ inputs: '入力のサイズ', hidden: '隠れ層のサイズ', outputs: '出力のサイズ' }[p.what]}が ${p.got} です。Gatescope のサイズは 1 から ${p.max} までです`;
    case 'unexportable': return p.to === 'pytorch' ? UNEXPORTABLE.pytorch[p.what] : UNEXPORTABLE.tfjs[p.what];
  }
}
