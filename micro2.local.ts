const N = 1 << 16;
const xs = new Float64Array(N); for (let i = 0; i < N; i++) xs[i] = (i / N - 0.5) * 16;
const out = new Float32Array(N);
const POW2 = new Float64Array(2100); for (let k = 0; k < 2100; k++) POW2[k] = Math.pow(2, k - 1050);
const LOG2E = Math.LOG2E, LN2HI = 6.93147180369123816490e-01, LN2LO = 1.90821492927058770002e-10;
function fexp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  const k = Math.floor(x * LOG2E + 0.5);
  const r = (x - k * LN2HI) - k * LN2LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040 + r * (1 / 40320))))))));
  return p * POW2[k + 1050];
}
function bench(name: string, f: (x: number) => number) {
  let best = Infinity;
  for (let r = 0; r < 30; r++) { const t = performance.now(); for (let i = 0; i < N; i++) out[i] = f(xs[i]); best = Math.min(best, performance.now() - t); }
  console.log(name, (best / N * 1e6).toFixed(2), 'ns');
}
bench('exp', Math.exp);
bench('fexp', fexp);
bench('sigmoid', (x) => 1 / (1 + Math.exp(-x)));
bench('fsigmoid', (x) => 1 / (1 + fexp(-x)));
bench('tanh', Math.tanh);
bench('ftanh', (x) => 1 - 2 / (fexp(2 * x) + 1));
let e = 0; for (let i = 0; i < N; i++) e = Math.max(e, Math.abs(fexp(xs[i]) / Math.exp(xs[i]) - 1)); console.log('rel err', e);
