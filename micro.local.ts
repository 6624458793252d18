const N = 1 << 16;
const xs = new Float64Array(N); for (let i = 0; i < N; i++) xs[i] = (i / N - 0.5) * 8;
const out = new Float32Array(N);
function bench(name: string, f: (x: number) => number) {
  let best = Infinity;
  for (let r = 0; r < 30; r++) { const t = performance.now(); for (let i = 0; i < N; i++) out[i] = f(xs[i]); best = Math.min(best, performance.now() - t); }
  console.log(name, (best / N * 1e6).toFixed(2), 'ns');
}
bench('tanh', Math.tanh);
bench('exp', Math.exp);
bench('sigmoid', (x) => 1 / (1 + Math.exp(-x)));
bench('tanh via exp', (x) => 1 - 2 / (Math.exp(2 * x) + 1));
let maxErr = 0; for (let i = 0; i < N; i++) { const x = xs[i]; maxErr = Math.max(maxErr, Math.abs(Math.tanh(x) - (1 - 2 / (Math.exp(2 * x) + 1)))); }
console.log('maxErr', maxErr);
