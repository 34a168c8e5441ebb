/**
 * Every option of the local optimizers, its default and its check (a valibot schema), in one place (mljs style).
 * `options.local` of the public API resolves through here, and so does every stepper constructor.
 */
import * as v from 'valibot';
import { above, atLeast, atMost, fraction, integer, isFinite, number, oneOf, openFraction, parseOrThrow, positive, strictObject } from '../validation.js';
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
   * Most trial points one lbfgs line search evaluates: an integer ≥ 1 (L-BFGS-B's maxls). When the
   * search has found no step by then, lbfgs stays, forgets its history and falls back to steepest
   * descent, as L-BFGS-B does.
   * @default 20
   */
  maxLineSearch?: number;
  /**
   * Armijo constant c₁ of lbfgs's line search: accept t when f(z + t·d) ≤ f(z) + c₁·t·∇f·d.
   * In (0, 1). The default is L-BFGS-B's ftol.
   * @default 1e-3
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
  sufficientDecrease: 1e-3,
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

/** The schema of the local optimizer's options, declared once: each entry's check and its default. */
const LOCAL_ENTRIES = {
  method: v.optional(oneOf(LOCAL_METHODS as [LocalMethod, ...LocalMethod[]], `one of ${LOCAL_METHODS.map((m) => JSON.stringify(m)).join(', ')}`), DEFAULTS.method),
  /** Filled in after the method is known (DEFAULT_LEARNING_RATE). */
  learningRate: v.optional(positive()),
  blowUpFactor: v.optional(aboveOne(), DEFAULTS.blowUpFactor),
  momentum: v.optional(fraction(), DEFAULTS.momentum),
  beta1: v.optional(fraction(), DEFAULTS.beta1),
  beta2: v.optional(fraction(), DEFAULTS.beta2),
  epsilon: v.optional(positive(), DEFAULTS.epsilon),
  history: v.optional(integer(1, '>='), DEFAULTS.history),
  maxLineSearch: v.optional(integer(1, '>='), DEFAULTS.maxLineSearch),
  sufficientDecrease: v.optional(openFraction(), DEFAULTS.sufficientDecrease),
  /** Its range depends on sufficientDecrease: checked by the object's check below. */
  curvature: v.optional(v.unknown(), DEFAULTS.curvature),
  damping: v.optional(number(`a number in [${MIN_DAMPING}, ${MAX_DAMPING}]`, atLeast(MIN_DAMPING), atMost(MAX_DAMPING)), DEFAULTS.damping),
  dampingStepUp: v.optional(aboveOne(), DEFAULTS.dampingStepUp),
  dampingStepDown: v.optional(aboveOne(), DEFAULTS.dampingStepDown),
  stepsPerRound: v.optional(integer(1, '>='), DEFAULTS.stepsPerRound),
};

/**
 * The local options object with these entries (optimize()'s `options.local` words stepsPerRound
 * as its other counts): the curvature check, then the method's learning rate where none was given.
 */
export function localOptionsSchema(entries: typeof LOCAL_ENTRIES) {
  return v.pipe(
    strictObject(entries, 'an object of local-optimizer options'),
    v.forward(
      v.partialCheck(
        [['sufficientDecrease'], ['curvature']],
        (o: { sufficientDecrease: number; curvature: unknown }) =>
          typeof o.curvature === 'number' && Number.isFinite(o.curvature) && o.curvature > o.sufficientDecrease && o.curvature < 1,
        (issue) => `a number in (sufficientDecrease = ${(issue.input as { sufficientDecrease: number }).sufficientDecrease}, 1)`,
      ),
      ['curvature'],
    ),
    v.transform((o): ResolvedLocalOptions => ({ ...o, curvature: o.curvature as number, learningRate: o.learningRate ?? DEFAULT_LEARNING_RATE[o.method] })),
  );
}

export { LOCAL_ENTRIES };

const LOCAL_OPTIONS_SCHEMA = localOptionsSchema(LOCAL_ENTRIES);

/**
 * Fills in the defaults of `partial` and validates every field, throwing INVALID_INPUT with the
 * field's path (`options.local.learningRate: expected a finite number > 0, got -1`). Unknown fields
 * are rejected too, since a misspelt option would otherwise be silently ignored. Resolving an
 * already resolved object returns an equal object. `{ learningRate: undefined }` means "use the
 * default", as with a missing key.
 *
 * @example
 * resolveLocalOptions({ method: 'gd' }).learningRate; // 0.01
 * resolveLocalOptions({ momentum: 1 }); // throws: options.local.momentum: expected a number in [0, 1), got 1
 */
export function resolveLocalOptions(partial?: LocalOptions, field = 'options.local'): ResolvedLocalOptions {
  return parseOrThrow(LOCAL_OPTIONS_SCHEMA, partial === undefined ? {} : partial, field);
}

function aboveOne() {
  return number('a finite number > 1', isFinite, above(1));
}
