import { describe, expect, it } from 'vitest';
import { dgemmNN } from '../../src/kernels/dgemm-nn.js';
import { seeded } from '../helpers/gradient-check.js';

describe('dgemmNN', () => {
  it('matches the hand-computed A·B', () => {
    const C = new Float64Array(4);
    expect(dgemmNN(2, 2, 2, new Float64Array([1, 2, 3, 4]), 0, new Float64Array([5, 6, 7, 8]), 0, C, 0)).toBe(C);
    expect(Array.from(C)).toEqual([19, 22, 43, 50]);
    // A row times a column: 1×3 · 3×1.
    const d = new Float64Array(1);
    dgemmNN(1, 1, 3, new Float64Array([1, 2, 3]), 0, new Float64Array([4, 5, 6]), 0, d, 0);
    expect(d[0]).toBe(32);
  });

  it('agrees with the naive triple loop on every shape, with offsets', () => {
    const rng = seeded('dgemm-nn');
    const rand = () => rng() * 2 - 1;
    for (let M = 0; M <= 4; M++) {
      for (let N = 0; N <= 5; N++) {
        for (const K of [0, 1, 3, 6]) {
          const oA = 1, oB = 5, oC = 2;
          const A = Float64Array.from({ length: oA + M * K }, rand);
          const B = Float64Array.from({ length: oB + K * N }, rand);
          const C = new Float64Array(oC + M * N + 3).fill(NaN);
          dgemmNN(M, N, K, A, oA, B, oB, C, oC);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let k = 0; k < K; k++) s += A[oA + i * K + k] * B[oB + k * N + j];
              expect(C[oC + i * N + j]).toBeCloseTo(s, 14);
            }
          }
          for (let q = 0; q < oC; q++) expect(C[q]).toBeNaN();
          for (let q = oC + M * N; q < C.length; q++) expect(C[q]).toBeNaN();
        }
      }
    }
  });
});
