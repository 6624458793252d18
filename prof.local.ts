import { benchConfig } from './src/cli/bench';
const cell = (process.argv[2] ?? 'lstm') as any; const H = Number(process.argv[3] ?? 16);
console.log(benchConfig(cell, H, 5, 0.5).median);
