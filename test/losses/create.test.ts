import { describe, expect, it } from 'vitest';

import { createLoss } from '../../src/losses/create.js';
import type { SmoothedHingeLoss } from '../../src/losses/smoothed-hinge.js';
import type { LossSpec } from '../../src/types.js';
import { expectInvalid } from '../helpers/errors.js';

describe('createLoss', () => {
  const cases: Array<{ spec: LossSpec; name: string }> = [
    { spec: 'squared', name: 'squared' },
    { spec: { type: 'squared' }, name: 'squared' },
    { spec: 'cross-entropy', name: 'cross-entropy' },
    { spec: { type: 'cross-entropy' }, name: 'cross-entropy' },
    { spec: 'logistic', name: 'logistic' },
    { spec: { type: 'logistic' }, name: 'logistic' },
    { spec: { type: 'smoothed-hinge', power: 3 }, name: 'smoothed-hinge' },
  ];

  it.each(cases)('builds $name from $spec', ({ spec, name }) => {
    expect(createLoss(spec).name).toBe(name);
  });

  it('passes the hinge power through', () => {
    const loss = createLoss({ type: 'smoothed-hinge', power: 2.5 }) as SmoothedHingeLoss;
    expect(loss.power).toBe(2.5);
    // max(0, 1 − 1·(−3))^2.5 = 4^2.5 = 32
    expect(loss.evaluate(Float64Array.of(-3), Float64Array.of(1), 1, 1, null)).toBe(32);
  });

  const errors: Array<{ spec: unknown; field: string; got: string }> = [
    { spec: { type: 'smoothed-hinge' }, field: 'loss.power', got: 'got undefined' },
    { spec: { type: 'smoothed-hinge', power: 1.5 }, field: 'loss.power', got: 'got 1.5' },
    { spec: { type: 'smoothed-hinge', power: NaN }, field: 'loss.power', got: 'got NaN' },
    { spec: { type: 'smoothed-hinge', power: Infinity }, field: 'loss.power', got: 'got Infinity' },
    { spec: { type: 'smoothed-hinge', power: '3' }, field: 'loss.power', got: 'got "3"' },
    { spec: 'smoothed-hinge', field: 'loss', got: 'got "smoothed-hinge"' },
    { spec: 'hinge', field: 'loss', got: 'got "hinge"' },
    { spec: { type: 'mse' }, field: 'loss.type', got: 'got "mse"' },
    { spec: {}, field: 'loss.type', got: 'got undefined' },
    { spec: null, field: 'loss', got: 'got null' },
    { spec: 3, field: 'loss', got: 'got 3' },
  ];

  it.each(errors)('rejects $spec naming $field', ({ spec, field, got }) => {
    expectInvalid(() => createLoss(spec as LossSpec), field, got);
  });

  it('names the power field in the message', () => {
    expect(() => createLoss({ type: 'smoothed-hinge', power: 1 })).toThrow('loss.power: expected a finite number >= 2, got 1');
  });
});
