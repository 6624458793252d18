/** The Gatescope engine: pure TypeScript, no DOM. Shared by the worker, the CLI tools and the tests. */
export * from './spec';
export * from './tensor';
export { Rng } from './rng';
export { Network } from './network';
export { Workspace } from './workspace';
export { initNetwork, DEFAULT_INIT, type InitOptions } from './init';
export { lossAndGrad, targetCount, type LossKind } from './loss';
export { Optimizer, DEFAULT_OPTIMIZER, type OptimizerKind, type OptimizerOptions } from './optim';
export { makeTask, writeSequence, TASK_NAMES, type Task, type TaskSpec, type TaskName } from './tasks';
export { Trainer, evaluate, EVAL_CHUNK, HELD_OUT_SEED, HELD_OUT_SIZE, type Evaluation } from './trainer';
export * from './modelFile';
export * from './validate';
export { traceSequence, type Trace, type TraceStep } from './trace';
export { log10GradientRatio, REACH_COUNT } from './gradientReach';
