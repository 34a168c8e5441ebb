/**
 * The interfaces every part of the package builds against. Hot paths work on flat,
 * row-major `Float64Array`s; ml-matrix appears only at the API boundary (`jacobian`).
 */
import type { Matrix } from 'ml-matrix';

/** A uniform random number generator on [0, 1). Every random number comes from a seeded stream. */
export type Rng = () => number;

/** Hidden-layer activations of the built-in MLP. */
export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'softplus' | 'identity';

/**
 * A differentiable model f(x; θ) ∈ R^outputSize. Built-in models implement it by hand; a user's
 * module exports a factory that returns one. The package calls its methods with θ and grad of
 * exactly parameterCount entries, whatever the augmentation (src/augment/original.ts, neuron.ts).
 */
export interface Model {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: number;
  /** Writes a random initial θ into `theta` (length parameterCount). */
  init(rng: Rng, theta: Float64Array): void;
  /** out (m × outputSize, row-major) ← f(x_i; θ) for the m rows of x (m × inputSize, row-major). */
  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void;
  /**
   * grad (length parameterCount) ← Σ_i J_iᵀ dOut_i, overwriting it. May rely on the preceding
   * `forward` call with the same θ and x (cached activations).
   */
  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void;
  /** The Jacobian ∂f(xRow; θ)/∂θ, outputSize × parameterCount, for one sample. */
  jacobian(theta: Float64Array, xRow: Float64Array): Matrix;
}

/** A loss ℓ(q, y), convex and differentiable in q, applied row by row to m samples of width dy. */
export interface Loss {
  readonly name: string;
  /**
   * Returns Σ_i ℓ(q_i, y_i) (a sum, not a mean). When `grad` is given, writes ∂ℓ(q_i, y_i)/∂q_i
   * into it (m × dy, row-major). `y` is m × dy: class labels arrive here already one-hot.
   */
  evaluate(q: Float64Array, y: Float64Array, m: number, dy: number, grad: Float64Array | null): number;
}

/**
 * A non-negative objective whose global minimum is 0, for the scalar augmentation. A user's module
 * exports a factory that returns one.
 */
export interface ObjectiveFunction {
  readonly dimension: number;
  /** Writes a random starting point into `out` (length dimension). */
  init(rng: Rng, out: Float64Array): void;
  /**
   * Returns L(θ) ≥ 0 and writes ∇L(θ) into `gradOut`. The package calls it with `theta` and
   * `gradOut` of exactly `dimension` entries: views of θ's part of its vectors, whatever the
   * augmentation (src/modules/theta-alone.ts).
   */
  evaluate(theta: Float64Array, gradOut: Float64Array): number;
}

/** A reference to a user's ES module whose export is a factory: `factory(args)` returns the object. */
export interface ModuleRef {
  /** Absolute path or file: URL of the module. */
  module: string;
  /** Name of the export. @default 'default' */
  export?: string;
  /** JSON-serializable argument passed to the factory. */
  args?: unknown;
}

/** Built-in model specifications (serializable, so they can cross to worker threads). */
/**
 * How a built-in model draws θ₀: Glorot-uniform weights with zero biases, or every parameter
 * uniform on [low, high].
 */
export type InitSpec = 'glorot' | { type: 'uniform'; low: number; high: number };

export type BuiltinModelSpec =
  | { type: 'mlp'; layers: number[]; activation?: Activation; init?: InitSpec }
  | { type: 'deep-linear'; layers: number[]; init?: InitSpec }
  | { type: 'example1'; init?: InitSpec };

export type ModelSpec = BuiltinModelSpec | ModuleRef;

export type LossSpec =
  | 'squared'
  | 'cross-entropy'
  | 'logistic'
  | { type: 'squared' }
  | { type: 'cross-entropy' }
  | { type: 'logistic' }
  | { type: 'smoothed-hinge'; power: number };

/** Built-in objective specifications for objective problems. */
export type BuiltinObjectiveSpec =
  | { type: 'rastrigin'; dimension: number; initRange?: number }
  | { type: 'safran-shamir'; k: number; n?: number };

export type ObjectiveSpec = BuiltinObjectiveSpec | ModuleRef;

export type Augmentation = 'neuron' | 'scalar' | 'none';

/** The auxiliary parameters, as views into z. W is dy × dx, row k = w_k. */
export interface AuxParts {
  theta: Float64Array;
  a: Float64Array;
  b: Float64Array;
  W: Float64Array;
}

/** Statistics of the last evaluation of an augmented objective, for the divergence monitor. */
export interface EvaluationStats {
  /** L(θ), the original objective. */
  loss: number;
  /** L̃ at the evaluated z. */
  augmentedLoss: number;
  /** ‖a‖₂. */
  aNorm: number;
  /** ‖(a, b, W)‖₂. */
  auxNorm: number;
  /**
   * Root-mean-square of the added neuron's output g(x_i) over the data (neuron augmentation), or
   * |a·e^b| (scalar augmentation); 0 without augmentation.
   */
  auxOutput: number;
  /**
   * What the auxiliary unit could still fit; 0 at every local minimum of L̃ (the proof of Theorem 1).
   * Neuron: the RMS, over distinct inputs x and outputs k, of the mean of ∂ℓ/∂q_ik over the samples
   * with that input — at a = 0 the unit's first-order conditions over all (b, w) force these to 0.
   * For the squared loss it is about 2·√L. Scalar: √L(θ) (its global minimum is 0). No
   * augmentation: 0. Computed only when the gradient is.
   */
  residual: number;
}

/** A differentiable function of a flat vector: returns the value and writes the gradient. */
export interface Differentiable {
  readonly dimension: number;
  /** Returns f(z); writes ∇f(z) into `grad` when it is not null. */
  evaluate(z: Float64Array, grad: Float64Array | null): number;
}
