/**
 * no-bad-minima: train differentiable models or minimize non-negative objectives without ending in
 * a bad local minimum (Kawaguchi & Kaelbling 2020; Sohl-Dickstein & Kawaguchi 2019).
 */
export { optimize } from './optimize.js';
export type { OptimizeOptions, AuxiliarySchedule, HoppingOptions, MonitorOptions, Progress, Verdict, HopEvent } from './options.js';
export type { OptimizeResult, RoundRecord, WalkerRecord, StopReason } from './coordinator/result.js';
export type { Faults, FaultDetail } from './coordinator/fault-details.js';
export type { Checkpoint } from './coordinator/checkpoint.js';

export { createObjective, augment } from './augment/create.js';
export type { ObjectiveOptions } from './augment/create.js';
export type { AugmentedObjective } from './augment/augmented.js';
export { EXP_LIMIT } from './augment/guard.js';

export { createModel, loadModel } from './models/create.js';
export { createLoss } from './losses/create.js';
export { createObjectiveFunction } from './objectives/create.js';
export { createStepper } from './optimizers/create.js';
export type { LocalOptions } from './optimizers/options.js';
export type { Stepper, StepperState, LocalMethod, LeastSquares } from './optimizers/stepper.js';

export type { Problem, ModelProblem, ObjectiveProblem } from './problem/types.js';
export type { BoundsSpec } from './problem/bounds.js';
export type { ObjectiveFn, UserObjective } from './objectives/user.js';
export type { StepperBounds } from './optimizers/bounds.js';
export type { MatrixInput } from './problem/matrix-input.js';
export { NoBadMinimaError } from './errors.js';
/** The package's allocation-free BLAS-style kernels, for hand-written models (see benchmarks/tasks/fixed-output-student.ts). */
export * as kernels from './kernels/index.js';
export type { ErrorCode } from './errors.js';
export type * from './types.js';
