import { describe, expect, it } from 'vitest';

import { createStepper } from '../../src/optimizers/create.js';
import type { LocalOptions } from '../../src/optimizers/options.js';
import { decodeArray, decodeNumber, encodeArray, encodeNumber } from '../../src/optimizers/state.js';
import type { Stepper, StepperState } from '../../src/optimizers/stepper.js';
import type { Differentiable } from '../../src/types.js';
import { expectError } from '../helpers/errors.js';
import { exponentialCurve, quadratic, rosenbrock } from './problems.js';

const problem = quadratic(20, 100, 'state-quadratic');
const curve = exponentialCurve([2.5, 0.8, 0.3], 30);

interface Case {
  name: string;
  options: LocalOptions;
  f: Differentiable;
  start: number[];
  k: number;
  n: number;
}

const cases: Case[] = [
  { name: 'gd', options: { method: 'gd', learningRate: 0.01 }, f: problem, start: new Array(20).fill(0.5), k: 7, n: 13 },
  { name: 'nesterov', options: { method: 'nesterov', learningRate: 0.01, momentum: 0.9 }, f: problem, start: new Array(20).fill(0.5), k: 7, n: 13 },
  { name: 'adam', options: { method: 'adam', learningRate: 0.05 }, f: problem, start: new Array(20).fill(0.5), k: 7, n: 13 },
  { name: 'lbfgs on Rosenbrock', options: { method: 'lbfgs', history: 4 }, f: rosenbrock, start: [-1.2, 1], k: 9, n: 15 },
  { name: 'lbfgs on the quadratic', options: { method: 'lbfgs' }, f: problem, start: new Array(20).fill(0.5), k: 12, n: 10 },
  { name: 'levenberg-marquardt', options: { method: 'levenberg-marquardt' }, f: curve, start: [1, 0.3, 0], k: 3, n: 6 },
];

/** Runs n steps and records everything a caller can observe. */
function run(stepper: Stepper, f: Differentiable, z: Float64Array, n: number): { points: number[][]; values: number[]; evaluations: number[] } {
  const points: number[][] = [];
  const values: number[] = [];
  const evaluations: number[] = [];
  for (let i = 0; i < n; i++) {
    evaluations.push(stepper.step(f, z));
    points.push(Array.from(z));
    values.push(stepper.lastValue);
  }
  return { points, values, evaluations };
}

describe('JSON round trip of stepper state', () => {
  it.each(cases)('$name resumes bit for bit', ({ options, f, start, k, n }) => {
    const original = createStepper(f.dimension, options);
    const z = Float64Array.from(start);
    run(original, f, z, k);
    const snapshot = JSON.parse(JSON.stringify(original.getState())) as StepperState;
    const zSnapshot = z.slice();
    const continued = run(original, f, z, n);

    const restored = createStepper(f.dimension, options);
    restored.setState(snapshot);
    const z2 = zSnapshot.slice();
    const resumed = run(restored, f, z2, n);

    expect(z2).toEqual(z);
    expect(resumed).toEqual(continued);
    expect(restored.getState()).toEqual(original.getState());
    // Sanity: the k steps did change something, so the test is not vacuous.
    expect(Array.from(zSnapshot)).not.toEqual(start);
  });

  it.each(cases)('$name: a fresh state round-trips too (lastValue NaN)', ({ options, f }) => {
    const stepper = createStepper(f.dimension, options);
    const copy = createStepper(f.dimension, options);
    copy.setState(JSON.parse(JSON.stringify(stepper.getState())) as StepperState);
    expect(copy.lastValue).toBeNaN();
    expect(copy.getState()).toEqual(stepper.getState());
  });

  it('the state is plain JSON with the method tag', () => {
    for (const { options, f } of cases) {
      const stepper = createStepper(f.dimension, options);
      stepper.step(f, new Float64Array(f.dimension).fill(0.5));
      const state = stepper.getState();
      expect(state.method).toBe(options.method);
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    }
  });

  it('levenberg-marquardt state is just the damping and counters', () => {
    const stepper = createStepper(3, { method: 'levenberg-marquardt', damping: 0.5 });
    stepper.step(curve, Float64Array.of(1, 0.3, 0));
    const state = stepper.getState();
    expect(Object.keys(state).sort()).toEqual(['damping', 'lastValue', 'method', 'steps']);
    expect(state.damping).toBe(0.5 / 9);
  });
});

describe('reset()', () => {
  it.each(cases)('$name behaves as a fresh stepper afterwards', ({ options, f, start, k, n }) => {
    const fresh = createStepper(f.dimension, options);
    const expected = run(fresh, f, Float64Array.from(start), n);

    const used = createStepper(f.dimension, options);
    run(used, f, Float64Array.from(start).map((v) => v + 0.25), k);
    used.reset();
    expect(used.lastValue).toBeNaN();
    expect(used.getState()).toEqual(createStepper(f.dimension, options).getState());
    expect(run(used, f, Float64Array.from(start), n)).toEqual(expected);
  });
});

describe('setState rejects states that do not belong', () => {
  it('a state of another method', () => {
    const adam = createStepper(3, { method: 'adam' });
    expectError(() => adam.setState(createStepper(3, { method: 'gd' }).getState()), 'RESUME_MISMATCH', 'state.method', 'expected "adam", got gd');
  });

  it('a state of another dimension, leaving the stepper as it was', () => {
    const small = createStepper(2, { method: 'nesterov' });
    small.step(rosenbrock, Float64Array.of(0, 0));
    const large = createStepper(3, { method: 'nesterov' });
    const before = large.getState();
    expectError(() => large.setState(small.getState()), 'RESUME_MISMATCH', 'state.velocity', 'expected an array of length 3');
    expect(large.getState()).toEqual(before);
  });

  it('a state with another history length or bad counters', () => {
    const a = createStepper(2, { method: 'lbfgs', history: 3 });
    a.step(rosenbrock, Float64Array.of(0, 0));
    const b = createStepper(2, { method: 'lbfgs', history: 5 });
    expectError(() => b.setState(a.getState()), 'RESUME_MISMATCH', 'state.s');
    expectError(() => a.setState({ ...a.getState(), count: 4 }), 'RESUME_MISMATCH', 'state.count', 'expected an integer in [0, 3]');
    expectError(() => a.setState({ ...a.getState(), hasPoint: 1 }), 'RESUME_MISMATCH', 'state.hasPoint');
  });

  it('non-numbers and an out-of-range damping', () => {
    const adam = createStepper(2, { method: 'adam' });
    expectError(() => adam.setState({ ...adam.getState(), t: -1 }), 'RESUME_MISMATCH', 'state.t');
    expectError(() => adam.setState({ ...adam.getState(), m: [0, null] }), 'RESUME_MISMATCH', 'state.m[1]');
    const lm = createStepper(2, { method: 'levenberg-marquardt' });
    expectError(() => lm.setState({ ...lm.getState(), damping: 0 }), 'RESUME_MISMATCH', 'state.damping');
  });
});

describe('number encoding', () => {
  it('carries NaN, ±Infinity and −0 through JSON exactly', () => {
    const values = [NaN, Infinity, -Infinity, -0, 0, 1e-320, -1.2345678901234567e300, Math.PI];
    const restored = JSON.parse(JSON.stringify(values.map(encodeNumber))).map((v: unknown) => decodeNumber(v, 'x'));
    restored.forEach((v: number, i: number) => expect(Object.is(v, values[i])).toBe(true));
    const array = Float64Array.from(values);
    const decoded = decodeArray(JSON.parse(JSON.stringify(encodeArray(array))), array.length, 'a');
    expect(decoded).toEqual(array);
    expect(Object.is(decoded[3], -0)).toBe(true);
  });
});
