import { describe, expect, it } from 'vitest';
import { dgemmNT } from '../../src/kernels/dgemm-nt.js';
import { seeded } from '../helpers/gradient-check.js';

describe('dgemmNT', () => {
  it('matches the hand-computed X·Wᵀ + b', () => {
    const Z = new Float64Array(4);
    const X = new Float64Array([1, 2, 3, 4, 5, 6]);
    const W = new Float64Array([1, 0, -1, 0.5, 0.5, 0.5]);
    expect(dgemmNT(2, 2, 3, X, 0, W, 0, new Float64Array([10, 20]), 0, Z, 0)).toBe(Z);
    expect(Array.from(Z)).toEqual([8, 23, 8, 27.5]);
    dgemmNT(2, 2, 3, X, 0, W, 0, null, 0, Z, 0);
    expect(Array.from(Z)).toEqual([-2, 3, -2, 7.5]);
  });

  it('agrees with the naive triple loop for every blocking remainder, with offsets', () => {
    const rng = seeded('dgemm-nt');
    const rand = () => rng() * 2 - 1;
    for (let M = 0; M <= 5; M++) {
      for (let N = 0; N <= 9; N++) {
        for (const K of [0, 1, 2, 3, 7]) {
          const oA = 3, oB = 2, oBias = 1, oC = 4;
          const A = Float64Array.from({ length: oA + M * K }, rand);
          const B = Float64Array.from({ length: oB + N * K }, rand);
          const bias = Float64Array.from({ length: oBias + N }, rand);
          for (const withBias of [true, false]) {
            const C = new Float64Array(oC + M * N + 2).fill(NaN);
            dgemmNT(M, N, K, A, oA, B, oB, withBias ? bias : null, oBias, C, oC);
            for (let i = 0; i < M; i++) {
              for (let j = 0; j < N; j++) {
                let s = withBias ? bias[oBias + j] : 0;
                for (let k = 0; k < K; k++) s += A[oA + i * K + k] * B[oB + j * K + k];
                expect(C[oC + i * N + j]).toBeCloseTo(s, 14);
              }
            }
            // Nothing outside C's range is written.
            for (let q = 0; q < oC; q++) expect(C[q]).toBeNaN();
            for (let q = oC + M * N; q < C.length; q++) expect(C[q]).toBeNaN();
          }
        }
      }
    }
  });
});
