/**
 * The figures, as Vega-Lite specs rendered to SVG by Vega in Node (no browser, no canvas). Spec
 * builders are pure functions of the results, so a figure can be rebuilt from a results JSON.
 */
import type { TopLevelSpec } from 'vega-lite';
import { installHint, isMissingPackage } from '../../src/optional-packages.js';
import type { Figure1Data } from './figure1.js';
import type { MethodId } from '../methods.js';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let renderers: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

/**
 * Imports vega and vega-lite, once: they are optional peer dependencies (25 MB installed), which
 * only the figures need. Missing, the error says how to install them.
 *
 * @example
 * await loadVega(); // throws "… npm install vega@^6.4.0 vega-lite@~6.4.3" without them
 */
export function loadVega(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  renderers ??= Promise.all([import('vega'), import('vega-lite')]).then(
    ([vega, vegaLite]) => ({ vega, vegaLite }),
    (error: unknown) => {
      renderers = undefined;
      if (!isMissingPackage(error, ['vega', 'vega-lite'])) throw error;
      throw new Error(
        `the figures need the packages vega and vega-lite, optional peer dependencies of no-bad-minima that are not installed: ${installHint(['vega', 'vega-lite'])} (or run bench with --no-figures)`,
      );
    },
  );
  return renderers;
}

/** One point of a success-against-evaluations curve. */
export interface CurvePoint {
  task: string;
  method: MethodId;
  evaluations: number;
  rate: number;
}

/** One round of one local search, for the trajectory figure. */
export interface TrajectoryPoint {
  task: string;
  /** Ground truth of the monitor-scoring run. */
  truth: 'stuck' | 'converging';
  search: string;
  step: number;
  auxNorm: number;
  /** L̃ / L(θ); null once L(θ) ≤ the task's tolerance. */
  ratio: number | null;
}

const METHOD_ORDER = ['plain', 'augmented-no-hops', 'multistart', 'basin-hopping', 'hybrid'];
const METHOD_COLORS = ['#9e9e9e', '#e4a11b', '#4c78a8', '#54a24b', '#d62728'];
/** Log axes labelled at powers of ten only; vega's default labels every minor tick. */
const DECADE_AXIS = { labelExpr: "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? format(datum.value, '.0e') : ''" };
const FONT = { font: 'DejaVu Sans, Helvetica, Arial, sans-serif' };

/**
 * The paper's Figure 1: L(θ) of Example 1 (left) and min over a of L̃(θ, a, b) as a heat map over
 * (θ, b) on a log colour scale (right). The valley towards b → ∞ at fixed θ ≈ 0.2 is the failure
 * mode: L̃ falls towards 0 there while L(θ) stays at 8.
 */
export function figure1Spec(data: Figure1Data): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Paper Example 1 (Kawaguchi & Kaelbling 2020, Figure 1)', anchor: 'start', offset: 16, fontSize: 15, ...FONT },
    config: { ...FONT, view: { stroke: null } },
    hconcat: [
      {
        width: 320,
        height: 260,
        title: 'Original loss L(θ)',
        layer: [
          {
            data: { values: data.lossCurve },
            mark: { type: 'line', strokeWidth: 2, color: '#333' },
            encoding: {
              x: { field: 'theta', type: 'quantitative', title: 'θ' },
              y: { field: 'loss', type: 'quantitative', title: 'L(θ)' },
            },
          },
          {
            data: { values: [{ theta: 0.2, loss: 7.9996 }, { theta: 0.8, loss: 0 }] },
            mark: { type: 'point', filled: true, size: 70, color: '#d62728' },
            encoding: { x: { field: 'theta', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } },
          },
          {
            data: { values: [{ theta: -0.55, loss: 4, label: 'bad minimum θ* ≈ 0.2 (L = 8.0)' }, { theta: 0.9, loss: 3, label: 'global minima (L = 0)' }] },
            mark: { type: 'text', align: 'left', fontSize: 11 },
            encoding: { x: { field: 'theta', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
      {
        width: 320,
        height: 260,
        title: 'Augmented loss L̃(θ, a, b), a and W minimized out',
        data: { values: data.surface },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'theta0', type: 'quantitative', title: 'θ', scale: { nice: false, zero: false } },
          x2: { field: 'theta1' },
          y: { field: 'b0', type: 'quantitative', title: 'b (bias of the added neuron)', scale: { nice: false, zero: false } },
          y2: { field: 'b1' },
          color: {
            field: 'augmentedLoss',
            type: 'quantitative',
            title: ['min over a of L̃', `(floored at ${data.floor.toExponential(0)})`],
            scale: { type: 'log', scheme: 'viridis' },
            legend: { format: '.0e' },
          },
        },
      },
    ],
  };
}

/**
 * Success rate against the evaluation budget, one panel per task, one line per method. A run
 * stops when it succeeds, so each curve is the empirical distribution of evaluations to success.
 */
export function successCurvesSpec(points: CurvePoint[], taskTitles: Record<string, string>, columns = 3): TopLevelSpec {
  const tasks = [...new Set(points.map((p) => p.task))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Success rate against gradient evaluations (summed over walkers)', ...FONT },
    config: { ...FONT },
    columns,
    concat: tasks.map((task) => ({
      width: 260,
      height: 170,
      title: taskTitles[task] ?? task,
      data: { values: points.filter((p) => p.task === task) },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, clip: true },
      encoding: {
        x: { field: 'evaluations', type: 'quantitative', scale: { type: 'log' }, title: 'gradient evaluations (log)', axis: { format: '~s' } },
        y: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1] }, title: 'success rate', axis: { format: '%' } },
        color: { field: 'method', type: 'nominal', title: 'method', scale: { domain: METHOD_ORDER, range: METHOD_COLORS } },
        strokeDash: { field: 'method', type: 'nominal', title: 'method', scale: { domain: METHOD_ORDER } },
      },
    })),
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}

/**
 * ‖(a, b, W)‖ and L̃ / L(θ) over steps for stuck and for converging local searches of gradient
 * descent on L̃ (no hops): the signals the divergence monitor reads.
 */
export function trajectorySpec(points: TrajectoryPoint[], taskTitles: Record<string, string>): TopLevelSpec {
  const tasks = [...new Set(points.map((p) => p.task))];
  const color = {
    field: 'truth',
    type: 'nominal' as const,
    title: 'local search',
    scale: { domain: ['stuck', 'converging'], range: ['#d62728', '#4c78a8'] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Default local method on L̃ without hops: stuck against converging searches', ...FONT },
    config: { ...FONT },
    vconcat: tasks.map((task) => {
      const values = points.filter((p) => p.task === task);
      const resting = values.every((p) => p.auxNorm === 0);
      return {
        title: (taskTitles[task] ?? task) + (resting ? ' (no search stalled: the auxiliary stayed at rest, L̃ = L)' : ''),
        data: { values },
        hconcat: [
          {
            width: 300,
            height: 170,
            mark: { type: 'line', strokeWidth: 1.2, opacity: 0.8 },
            encoding: {
              x: { field: 'step', type: 'quantitative', scale: { type: 'log' }, title: 'gradient steps of the search (log)', axis: { format: '~s' } },
              // A constant 0 would get the domain [0, 0] and labels like 0.000000.
              y: { field: 'auxNorm', type: 'quantitative', title: '‖(a, b, W)‖', axis: { format: '~g' }, scale: resting ? { domain: [0, 1] } : {} },
              color,
              detail: { field: 'search', type: 'nominal' },
            },
          },
          {
            width: 300,
            height: 170,
            transform: [{ filter: 'isValid(datum.ratio) && datum.ratio > 0' }],
            // Searches that reach the tolerance within their first round leave one point each: draw it.
            mark: { type: 'line', strokeWidth: 1.2, opacity: 0.8, point: resting },
            encoding: {
              x: { field: 'step', type: 'quantitative', scale: { type: 'log' }, title: 'gradient steps of the search (log)', axis: { format: '~s' } },
              y: { field: 'ratio', type: 'quantitative', scale: { type: 'log', domain: decades(values.map((p) => p.ratio)) }, title: 'L̃ / L(θ) (log)', axis: DECADE_AXIS },
              color,
              detail: { field: 'search', type: 'nominal' },
            },
          },
        ],
      };
    }),
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}

/** A log domain from the decade below the smallest positive value to the one above the largest (never a single point). */
function decades(values: (number | null)[]): [number, number] {
  const positive = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [0.1, 10];
  const lo = Math.floor(Math.log10(Math.min(...positive)) + 1e-9);
  const hi = Math.ceil(Math.log10(Math.max(...positive)) - 1e-9);
  return hi > lo ? [10 ** lo, 10 ** hi] : [10 ** (lo - 1), 10 ** (lo + 1)];
}

/**
 * Renders a Vega-Lite spec to an SVG string headless (Vega's 'none' renderer, no canvas needed).
 *
 * @example
 * const svg = await renderSvg(figure1Spec(await figure1Data()));
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
