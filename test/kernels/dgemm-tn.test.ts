import { describe, expect, it } from 'vitest';
import { dgemmTN } from '../../src/kernels/dgemm-tn.js';
import { seeded } from '../helpers/gradient-check.js';

describe('dgemmTN', () => {
  it('matches the hand-computed Dᵀ·X', () => {
    // D = [[1], [2]] (2 samples × 1), X = [[1, 2], [3, 4]]: Dᵀ·X = [1·1 + 2·3, 1·2 + 2·4].
    const G = new Float64Array(2);
    expect(dgemmTN(1, 2, 2, new Float64Array([1, 2]), 0, new Float64Array([1, 2, 3, 4]), 0, G, 0)).toBe(G);
    expect(Array.from(G)).toEqual([7, 10]);
    // A = [[1, 2], [3, 4]] (2×2): AᵀA = [[10, 14], [14, 20]].
    const A = new Float64Array([1, 2, 3, 4]);
    const C = new Float64Array(4);
    dgemmTN(2, 2, 2, A, 0, A, 0, C, 0);
    expect(Array.from(C)).toEqual([10, 14, 14, 20]);
  });

  it('agrees with the naive triple loop for every blocking remainder, with offsets', () => {
    const rng = seeded('dgemm-tn');
    const rand = () => rng() * 2 - 1;
    for (let M = 0; M <= 5; M++) {
      for (let N = 0; N <= 9; N++) {
        for (const K of [0, 1, 2, 3, 7]) {
          const oA = 3, oB = 2, oC = 4;
          const A = Float64Array.from({ length: oA + K * M }, rand);
          const B = Float64Array.from({ length: oB + K * N }, rand);
          const C = new Float64Array(oC + M * N + 2).fill(NaN);
          dgemmTN(M, N, K, A, oA, B, oB, C, oC);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let s = 0;
              for (let k = 0; k < K; k++) s += A[oA + k * M + i] * B[oB + k * N + j];
              expect(C[oC + i * N + j]).toBeCloseTo(s, 14);
            }
          }
          // Nothing outside C's range is written.
          for (let q = 0; q < oC; q++) expect(C[q]).toBeNaN();
          for (let q = oC + M * N; q < C.length; q++) expect(C[q]).toBeNaN();
        }
      }
    }
  });
});
