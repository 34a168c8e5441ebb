/** The markdown report printed on stdout: what was run, the results, the monitor, the targets. */
import type { Results } from './results.js';
import { median } from '../metrics/stats.js';
import { count, ratio } from './format.js';
import { meetsSpeedup } from './targets.js';

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
const ms = (x: number) => (!Number.isFinite(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x >= 100 ? 0 : 1)} ms`);
const rate = (x: number) => (!Number.isFinite(x) ? '–' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const mark = (met: boolean | null) => (met === null ? 'not measured' : met ? '✅ met' : '❌ missed');

/**
 * Renders the results as markdown.
 *
 * @example
 * process.stdout.write(renderMarkdown(results));
 */
export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  out.push(`## no-bad-minima benchmark (${r.suite.mode} suite)`, '');
  out.push(
    `${r.machine.os}, ${r.machine.cpus} CPUs (${r.machine.cpuModel}), Node ${r.machine.node}; commit \`${r.commit}\`; ` +
      `${r.suite.jobs} job${r.suite.jobs === 1 ? '' : 's'} in parallel, walkers in-process (threads: 0); wall ${r.suite.wallSeconds.toFixed(1)} s.`,
    '',
  );
  out.push(
    'Success: best L(θ) ≤ the task’s tolerance within the budget (total gradient evaluations over all walkers, the same for every method). ' +
      'Evaluations and wall time are to success, medians over the successful seeds; the interval is the 95 % Wilson interval.',
    '',
  );
  out.push(row(['task', 'method', 'success', '95 % CI', 'median evals', 'evals / walker', 'p90 evals', 'median wall', 'evals/s', 'median hops']));
  out.push(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const t of r.tasks) {
    for (const s of r.summaries.filter((x) => x.task === t.id)) {
      out.push(
        row([
          s.method === r.summaries.find((x) => x.task === t.id)?.method ? `**${t.id}** (tol ${t.tolerance}, ${t.seeds.length} seeds${t.seeds[0] ? ` from ${t.seeds[0]}` : ''}, budget ${count(t.maxEvaluations)}, ${t.walkers} walkers)` : '',
          s.method,
          `${s.successes}/${s.seeds} = ${pct(s.successRate)}`,
          `${pct(s.successLow)}–${pct(s.successHigh)}`,
          count(s.medianEvaluationsToSuccess),
          count(s.medianEvaluationsPerWalkerToSuccess),
          count(s.p90EvaluationsToSuccess),
          ms(s.medianWallMsToSuccess),
          rate(s.evaluationsPerSecond),
          count(s.medianHops),
        ]),
      );
    }
  }
  out.push('');

  out.push(...scipySection(r));

  if (r.monitor.length > 0) {
    out.push('### Divergence monitor against ground truth', '');
    out.push(
      'The default local method on L̃ without hops for a long budget; each walker is one local search. Truly stuck: θ never reached the tolerance although ' +
        'the search ran ≥ 10× the rounds it took to flag it (≥ half the run if never flagged). Latency: steps from θ stalling (L(θ) moving < 0.1 % per round ' +
        'from then on) to the first “stuck” verdict.',
      '',
    );
    out.push(row(['task', 'searches', 'truly stuck', 'converging', 'undetermined', 'flagged', 'precision', 'recall', 'median latency (steps)', 'p90 latency']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const m of r.monitor) {
      const s = m.score;
      out.push(
        row([
          m.task,
          s.searches,
          s.trulyStuck,
          s.converging,
          s.undetermined,
          s.flagged,
          Number.isFinite(s.precision) ? `${pct(s.precision)} (${s.truePositives}/${s.flagged})` : '–',
          Number.isFinite(s.recall) ? `${pct(s.recall)} (${s.truePositives}/${s.trulyStuck})` : '–',
          count(s.medianLatencySteps),
          count(s.p90LatencySteps),
        ]),
      );
    }
    out.push('');
  }

  if (r.speedup.length > 0) {
    out.push('### Parallel speedup (hybrid, walkers in worker threads)', '');
    if (r.hardwareCeiling) {
      out.push(
        `Steady-state evaluations per second after the first tenth of the rounds, median of ${r.speedup[0].repeats} interleaved repeats. The machine's ceiling — ` +
          `the same pure arithmetic loop in 2 worker threads against 1 — is ${r.hardwareCeiling.median.toFixed(2)}× ` +
          `(repeats: ${r.hardwareCeiling.scaling.map((s) => s.toFixed(2)).join(', ')}).`,
        '',
      );
    }
    out.push(row(['task', 'walkers × steps/round', 'rounds', 'in-process evals/s', '1 thread evals/s', '2 threads evals/s', 'speedup 2 / 1', 'of the ceiling']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const s of r.speedup) {
      const ceiling = r.hardwareCeiling ? pct(s.speedup / r.hardwareCeiling.median) : '–';
      out.push(row([s.task, `${s.walkers} × ${s.stepsPerRound}`, s.rounds, rate(median(s.inProcess)), rate(median(s.threads1)), rate(median(s.threads2)), `${ratio(s.speedup, meetsSpeedup)}×`, ceiling]));
    }
    out.push('');
  }

  if (r.reference.length > 0) {
    out.push('### Safran–Shamir plain-GD protocol against the published spurious rates', '');
    out.push(row(['k = n', 'runs', 'spurious', '95 % CI', 'published', 'within ±5 points', 'median steps', 'stopped by the step cap']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---', '---:', '---:']));
    for (const ref of r.reference) {
      out.push(
        row([ref.k, ref.runs, `${ref.spurious} = ${pct(ref.rate)}`, `${pct(ref.low)}–${pct(ref.high)}`, ref.published === null ? '–' : pct(ref.published), ref.withinFivePoints === null ? '–' : ref.withinFivePoints ? 'yes' : 'no', count(ref.medianSteps), ref.unconverged]),
      );
    }
    out.push('');
  }

  out.push('### Targets', '');
  if (r.suite.mode !== 'full') out.push(`_The targets are defined on the full suite; on the ${r.suite.mode} suite these verdicts are indicative only._`, '');
  out.push(row(['target', 'task', 'verdict', 'measured']));
  out.push(row(['---', '---', '---', '---']));
  for (const t of r.targets) out.push(row([t.description, t.task ?? '–', mark(t.met), t.detail]));
  out.push('');
  if (r.figures.files.length > 0) out.push(`Figures: ${r.figures.files.map((f) => `\`${f}\``).join(', ')}`, '');
  return out.join('\n');
}

const x = (v: number | null | undefined) => (v == null ? '–' : `${v.toFixed(2)}×`);
const frac = (s: { successes: number; seeds: number; successRate: number } | null) => (s ? `${s.successes}/${s.seeds} = ${pct(s.successRate)}` : '–');
const cnt = (v: number | null | undefined) => (v == null ? '–' : count(v));
const msOrDash = (v: number | null | undefined) => (v == null ? '–' : ms(v));

/** Our hybrid beside scipy's basinhopping, or why scipy did not run. */
function scipySection(r: Results): string[] {
  const out: string[] = ['### Side by side: scipy.optimize.basinhopping', ''];
  const scipy = r.scipy ?? { ran: false, reason: 'not recorded' };
  if (!scipy.ran) return [...out, `not run: ${scipy.reason}`, ''];
  out.push(
    `scipy ${scipy.versions.scipy} (numpy ${scipy.versions.numpy}, Python ${scipy.versions.python}, \`${scipy.python}\`, ${scipy.processes} process${scipy.processes === 1 ? '' : 'es'} after our runs, BLAS threads 1): ` +
      "`basinhopping(fun, x0, minimizer_kwargs={'method': 'L-BFGS-B', 'jac': True}, seed=seed)` with its default stepsize and T, on numpy versions of the same L(θ), " +
      'from the θ₀ of our walker 0 for each seed; one evaluation is one value-and-gradient call. Both sides are taken over the seeds scipy ran (the quick suite gives scipy fewer seeds on some tasks). Ratios are ours / scipy’s.',
    '',
    '**To the target.** Ours: the hybrid with default options, stopped at the tolerance (the table above). scipy: a callback stops the run once the minimum found is ≤ the tolerance; ' +
      'the budget is the only other cap (niter set to the budget). “first hit” is the median evaluation at which scipy first saw L ≤ tolerance; “≤ niter 100” counts successes within scipy’s default 100 hops. Wall time is the median over all seeds.',
    '',
  );
  out.push(row(['task', 'success hybrid', 'success scipy', 'ratio', 'median evals hybrid', 'median evals scipy', 'ratio', 'scipy first hit', 'scipy ≤ niter 100', 'wall/run hybrid', 'wall/run scipy', 'ratio']));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const s of r.sideBySide ?? []) {
    const o = s.toTarget.ours;
    const p = s.toTarget.scipy;
    out.push(row([s.task, frac(o), frac(p), x(s.ratios.successRate), cnt(o?.medianEvaluationsToSuccess), cnt(p?.medianEvaluationsToSuccess), x(s.ratios.medianEvaluationsToTarget), cnt(p?.medianFirstHitEvaluations), p ? p.successesWithinDefaultNiter : '–', msOrDash(o?.medianWallMs), msOrDash(p?.medianWallMs), x(s.ratios.medianWallMs)]));
  }
  out.push(
    '',
    '**Without a target.** Ours: `optimize()` with the package defaults, no `targetLoss`, the default `stopWhenCertified`, the same budget. scipy: its defaults (niter = 100), the same budget as a cap. ' +
      'Success: best L ≤ tolerance; evaluations are to the stop, medians over all seeds.',
    '',
  );
  out.push(row(['task', 'hybrid stops', 'success hybrid', 'success scipy', 'ratio', 'median evals hybrid', 'median evals scipy', 'ratio', 'wall/run hybrid', 'wall/run scipy']));
  out.push(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const s of r.sideBySide ?? []) {
    const o = s.noTarget.ours;
    const p = s.noTarget.scipy;
    const stops = o ? Object.entries(o.stopReasons).map(([k, v]) => `${k} ${v}`).join(', ') : '–';
    out.push(row([s.task, stops, frac(o), frac(p), x(s.ratios.noTargetSuccessRate), cnt(o?.medianEvaluations), cnt(p?.medianEvaluations), x(s.ratios.noTargetMedianEvaluations), msOrDash(o?.medianWallMs), msOrDash(p?.medianWallMs)]));
  }
  out.push('');
  return out;
}
