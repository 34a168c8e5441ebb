/**
 * Every option of the local optimizers, its default and its check, in one place (mljs style).
 * `options.local` of the public API resolves through here, and so does every stepper constructor.
 */
import { invalid } from '../errors.js';
import type { LocalMethod } from './stepper.js';

export const LOCAL_METHODS: readonly LocalMethod[] = ['gd', 'nesterov', 'adam', 'lbfgs', 'levenberg-marquardt'];

export interface LocalOptions {
  /**
   * The local optimizer. The default, 'lbfgs', needs no step size: its line search meets the
   * strong Wolfe conditions and nothing in it depends on the problem's scale. 'gd' is the method
   * the paper's theorems are about; 'gd', 'nesterov' and 'adam' take a fixed step size, with a
   * safeguard against blow-up (see `learningRate`). `levenberg-marquardt` needs a least-squares
   * objective (squared loss).
   * @default 'lbfgs'
   */
  method?: LocalMethod;
  /**
   * Step size of gd, nesterov and adam (unused by lbfgs, whose line search starts at 1, and by
   * levenberg-marquardt).
   * @default 0.01 for gd and nesterov, 1e-3 for adam (lbfgs and levenberg-marquardt ignore it)
   */
  learningRate?: number;
  /**
   * The blow-up safeguard of gd, nesterov and adam: a step that lands more than this factor above
   * the lowest value of the local search (|L̃| sets the scale), or on a non-finite value, is
   * retried from that lowest point at half the learning rate; the run counts the retries
   * (result.stepRetries). A finite number > 1.
   * @default 10
   */
  blowUpFactor?: number;
  /**
   * Momentum coefficient μ of nesterov, in [0, 1).
   * @default 0.9
   */
  momentum?: number;
  /**
   * Decay of adam's first-moment estimate, in [0, 1).
   * @default 0.9
   */
  beta1?: number;
  /**
   * Decay of adam's second-moment estimate, in [0, 1).
   * @default 0.999
   */
  beta2?: number;
  /**
   * adam's denominator guard, added to √v̂: a finite number > 0.
   * @default 1e-8
   */
  epsilon?: number;
  /**
   * Number of curvature pairs (s, y) lbfgs keeps: an integer ≥ 1.
   * @default 10
   */
  history?: number;
  /**
   * Most trial points one lbfgs line search evaluates: an integer ≥ 1. When none meets the strong
   * Wolfe conditions, lbfgs takes the lowest trial that met Armijo's; when none did, it stays,
   * forgets its history and falls back to steepest descent.
   * @default 20
   */
  maxLineSearch?: number;
  /**
   * Armijo constant c₁ of lbfgs's line search: accept t when f(z + t·d) ≤ f(z) + c₁·t·∇f·d.
   * In (0, 1).
   * @default 1e-4
   */
  sufficientDecrease?: number;
  /**
   * Curvature constant c₂ of lbfgs's line search: accept t when also |∇f(z + t·d)·d| ≤ c₂·|∇f·d|
   * (the strong Wolfe condition). In (sufficientDecrease, 1).
   * @default 0.9
   */
  curvature?: number;
  /**
   * Initial damping λ of levenberg-marquardt, in [1e-7, 1e7] (the range the damping is kept in).
   * @default 1e-2
   */
  damping?: number;
  /**
   * Factor levenberg-marquardt multiplies the damping by after a step that did not lower f: > 1.
   * @default 11
   */
  dampingStepUp?: number;
  /**
   * Factor levenberg-marquardt divides the damping by after a step that lowered f: > 1.
   * @default 9
   */
  dampingStepDown?: number;
  /**
   * Local steps a walker takes per round, between two decisions of the coordinator: an integer ≥ 1.
   * The steppers themselves do not read it.
   * @default 100
   */
  stepsPerRound?: number;
}

export type ResolvedLocalOptions = Required<LocalOptions>;

/** Damping is kept in this range, as ml-levenberg-marquardt does. */
export const MIN_DAMPING = 1e-7;
export const MAX_DAMPING = 1e7;

const DEFAULTS: Omit<ResolvedLocalOptions, 'learningRate'> = {
  method: 'lbfgs',
  blowUpFactor: 10,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  history: 10,
  maxLineSearch: 20,
  sufficientDecrease: 1e-4,
  curvature: 0.9,
  damping: 1e-2,
  dampingStepUp: 11,
  dampingStepDown: 9,
  stepsPerRound: 100,
};

/** Adam's steps are about learningRate long whatever the gradient's scale, hence its smaller default. */
const DEFAULT_LEARNING_RATE: Record<LocalMethod, number> = {
  gd: 0.01,
  nesterov: 0.01,
  adam: 1e-3,
  lbfgs: 1e-3,
  'levenberg-marquardt': 1e-3,
};

const KNOWN = new Set<string>([...Object.keys(DEFAULTS), 'learningRate']);

/**
 * Fills in the defaults of `partial` and validates every field, throwing INVALID_INPUT with the
 * field's path (`options.local.learningRate: expected a finite number > 0, got -1`). Unknown fields
 * are rejected too, since a misspelt option would otherwise be silently ignored. Resolving an
 * already resolved object returns an equal object.
 *
 * @example
 * resolveLocalOptions({ method: 'gd' }).learningRate; // 0.01
 * resolveLocalOptions({ momentum: 1 }); // throws: options.local.momentum: expected a number in [0, 1), got 1
 */
export function resolveLocalOptions(partial?: LocalOptions, field = 'options.local'): ResolvedLocalOptions {
  if (partial === undefined) partial = {};
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    return invalid(field, partial, 'an object of local-optimizer options');
  }
  for (const key of Object.keys(partial)) {
    if (!KNOWN.has(key)) {
      invalid(`${field}.${key}`, (partial as Record<string, unknown>)[key], `no such option (known: ${[...KNOWN].join(', ')})`);
    }
  }
  const given = withoutUndefined(partial);
  const method = given.method ?? DEFAULTS.method;
  if (!LOCAL_METHODS.includes(method)) {
    invalid(`${field}.method`, method, `one of ${LOCAL_METHODS.map((m) => JSON.stringify(m)).join(', ')}`);
  }
  const o: ResolvedLocalOptions = { ...DEFAULTS, learningRate: DEFAULT_LEARNING_RATE[method], ...given, method };
  positive(o.learningRate, `${field}.learningRate`);
  greaterThanOne(o.blowUpFactor, `${field}.blowUpFactor`);
  unitInterval(o.momentum, `${field}.momentum`);
  unitInterval(o.beta1, `${field}.beta1`);
  unitInterval(o.beta2, `${field}.beta2`);
  positive(o.epsilon, `${field}.epsilon`);
  integerAtLeast(o.history, 1, `${field}.history`);
  integerAtLeast(o.maxLineSearch, 1, `${field}.maxLineSearch`);
  if (!isFiniteNumber(o.sufficientDecrease) || o.sufficientDecrease <= 0 || o.sufficientDecrease >= 1) {
    invalid(`${field}.sufficientDecrease`, o.sufficientDecrease, 'a number in (0, 1)');
  }
  if (!isFiniteNumber(o.curvature) || o.curvature <= o.sufficientDecrease || o.curvature >= 1) {
    invalid(`${field}.curvature`, o.curvature, `a number in (sufficientDecrease = ${o.sufficientDecrease}, 1)`);
  }
  if (!isFiniteNumber(o.damping) || o.damping < MIN_DAMPING || o.damping > MAX_DAMPING) {
    invalid(`${field}.damping`, o.damping, `a number in [${MIN_DAMPING}, ${MAX_DAMPING}]`);
  }
  greaterThanOne(o.dampingStepUp, `${field}.dampingStepUp`);
  greaterThanOne(o.dampingStepDown, `${field}.dampingStepDown`);
  integerAtLeast(o.stepsPerRound, 1, `${field}.stepsPerRound`);
  return o;
}

// `{ learningRate: undefined }` means "use the default", as with a missing key.
function withoutUndefined(partial: LocalOptions): LocalOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) out[key] = value;
  return out as LocalOptions;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function positive(v: unknown, field: string): void {
  if (!isFiniteNumber(v) || v <= 0) invalid(field, v, 'a finite number > 0');
}

function unitInterval(v: unknown, field: string): void {
  if (!isFiniteNumber(v) || v < 0 || v >= 1) invalid(field, v, 'a number in [0, 1)');
}

function greaterThanOne(v: unknown, field: string): void {
  if (!isFiniteNumber(v) || v <= 1) invalid(field, v, 'a finite number > 1');
}

function integerAtLeast(v: unknown, min: number, field: string): void {
  if (!Number.isInteger(v) || (v as number) < min) invalid(field, v, `an integer >= ${min}`);
}
