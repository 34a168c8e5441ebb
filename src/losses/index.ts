/**
 * Losses ℓ(q, y), convex and differentiable in q, and the conversion of user targets.
 */
export { squaredLoss } from './squared.js';
export { crossEntropyLoss } from './cross-entropy.js';
export { logisticLoss } from './logistic.js';
export { smoothedHingeLoss, type SmoothedHingeLoss } from './smoothed-hinge.js';
export { createLoss } from './create.js';
export { toTargets, type TargetsInput } from './targets.js';
export { normalizeLossSpec, type LossType, type NormalizedLossSpec } from './spec.js';
