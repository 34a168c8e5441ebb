/**
 * The data of the paper's Figure 1, computed with the package's own L̃: L(θ) of Example 1, and L̃
 * over (θ, b) with a (and W) minimized out. Since x = 0, W never matters; for each (θ, b), L̃ is
 * convex in a, so its minimizer is the root of ∂L̃/∂a, found by bisection.
 */
import { createObjective } from '../../src/index.js';
import { paperExample1 } from '../tasks/paper-example-1.js';

export interface Figure1Data {
  lossCurve: { theta: number; loss: number }[];
  /** min over a of L̃(θ, a, b, W = 0), floored at `floor` so that a log colour scale can show it. */
  /** One grid cell per entry: centre (θ, b) and its edges, for a rect mark. */
  surface: { theta: number; b: number; theta0: number; theta1: number; b0: number; b1: number; augmentedLoss: number }[];
  floor: number;
}

export interface Figure1Grid {
  thetaMin: number;
  thetaMax: number;
  thetaPoints: number;
  bMin: number;
  bMax: number;
  bPoints: number;
}

export const FIGURE1_GRID: Figure1Grid = { thetaMin: -0.5, thetaMax: 1.5, thetaPoints: 81, bMin: -4, bMax: 8, bPoints: 25 };

const linspace = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));

/**
 * Computes both panels on the grid (λ = 1, the package's default λ, which every method runs with).
 *
 * @example
 * const { lossCurve, surface } = await figure1Data();
 */
export async function figure1Data(grid: Figure1Grid = FIGURE1_GRID, floor = 1e-8): Promise<Figure1Data> {
  const obj = await createObjective(paperExample1.problem(), { augmentation: 'neuron' });
  const z = new Float64Array(obj.dimension);
  const grad = new Float64Array(obj.dimension);
  const P = obj.thetaSize;
  const at = (theta: number, a: number, b: number): number => {
    z.fill(0);
    z[0] = theta;
    z[P] = a;
    z[P + 1] = b;
    return obj.evaluate(z, grad);
  };
  const thetas = linspace(grid.thetaMin, grid.thetaMax, grid.thetaPoints);
  const lossCurve = linspace(grid.thetaMin, grid.thetaMax, 4 * grid.thetaPoints - 3).map((theta) => {
    at(theta, 0, 0);
    return { theta, loss: obj.stats.loss };
  });
  const surface: Figure1Data['surface'] = [];
  const dTheta = (grid.thetaMax - grid.thetaMin) / (grid.thetaPoints - 1) / 2;
  const dB = (grid.bMax - grid.bMin) / (grid.bPoints - 1) / 2;
  for (const b of linspace(grid.bMin, grid.bMax, grid.bPoints)) {
    for (const theta of thetas) {
      at(theta, 0, b);
      const c = Math.cbrt(obj.stats.loss); // 1 + f(θ) where positive, since ℓ = max(0, 1 + q)³
      // ∂L̃/∂a is increasing in a; it is ≥ 0 at a = 0 and < 0 below −c·e^(−b), where the hinge is off.
      let lo = -c * Math.exp(-b) - 1e-9;
      let hi = 0;
      for (let it = 0; it < 100 && hi - lo > 1e-15 * (1 + Math.abs(lo)); it++) {
        const mid = 0.5 * (lo + hi);
        at(theta, mid, b);
        if (grad[P] > 0) hi = mid;
        else lo = mid;
      }
      const value = at(theta, 0.5 * (lo + hi), b);
      surface.push({ theta, b, theta0: theta - dTheta, theta1: theta + dTheta, b0: b - dB, b1: b + dB, augmentedLoss: Math.max(floor, value) });
    }
  }
  return { lossCurve, surface, floor };
}
