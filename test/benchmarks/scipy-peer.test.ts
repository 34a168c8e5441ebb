import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/index.js';
import { augment } from '../../src/augment/create.js';
import { instantiate } from '../../src/problem/instantiate.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { createWalker } from '../../src/walker/state.js';
import { PEER_FORMAT_VERSION, buildRunJob, peerObjective, walkerZeroTheta, type PeerJob } from '../../benchmarks/peer/job.js';
import { findScipyPython, runPeerScript, runScipyPeer, validatePeerOutput } from '../../benchmarks/peer/scipy.js';
import { problemOf } from '../../benchmarks/runner/run-one.js';
import { TASKS, selectTasks } from '../../benchmarks/tasks/index.js';

const found = findScipyPython();
const python = 'command' in found ? found.command : null;
if (!python) console.warn(`scipy peer tests skipped: ${'reason' in found ? found.reason : ''}`);

/** Points around walker 0's θ₀: the start itself and two perturbations of it. */
async function pointsOf(taskId: string): Promise<number[][]> {
  const [task] = selectTasks([taskId]);
  const rng = seedrandom.xor4096(`peer-test/${taskId}`);
  const theta0 = await walkerZeroTheta(task, 7);
  return [theta0, ...[0.3, 1].map((scale) => theta0.map((v) => v + scale * (2 * rng.double() - 1)))];
}

describe('the scipy peer job', () => {
  it('starts from the θ₀ of walker 0 of our runs, whatever the augmentation', async () => {
    for (const id of ['xor-tanh', 'safran-shamir-k8', 'paper-example-1']) {
      const [task] = selectTasks([id]);
      const resolved = await instantiate(await prepareProblem(problemOf(task)));
      const obj = augment(resolved, task.augmentation, 1);
      for (const seed of [0, 5]) {
        const walker = createWalker(0, String(seed), obj, 0.01, 0.5, true);
        expect(await walkerZeroTheta(task, seed)).toEqual(Array.from(walker.z.subarray(0, obj.thetaSize)));
      }
      expect(await walkerZeroTheta(task, 0)).not.toEqual(await walkerZeroTheta(task, 1));
    }
  });

  it('has a numpy form for every suite task, with θ of the package’s size', async () => {
    for (const task of TASKS) {
      const objective = await peerObjective(task);
      const obj = await createObjective(problemOf(task), { augmentation: 'none' });
      expect((await walkerZeroTheta(task, 0)).length).toBe(obj.dimension);
      if ('m' in objective) expect(objective.x.length % objective.m).toBe(0);
    }
  });
});

describe.skipIf(python === null)('the scipy peer (needs python3 with scipy)', () => {
  it('evaluates every task’s L and ∇L as the package does (relative 1e-9) and its gradients pass a central-difference check', async () => {
    const job: PeerJob = { version: PEER_FORMAT_VERSION, kind: 'evaluate', step: 1e-6, tasks: [] };
    const expected: { id: string; values: number[]; gradients: number[][] }[] = [];
    for (const task of TASKS) {
      const points = await pointsOf(task.id);
      const obj = await createObjective(problemOf(task), { augmentation: 'none' });
      const values: number[] = [];
      const gradients: number[][] = [];
      for (const p of points) {
        const grad = new Float64Array(obj.dimension);
        values.push(obj.evaluate(Float64Array.from(p), grad));
        gradients.push(Array.from(grad));
      }
      expected.push({ id: task.id, values, gradients });
      job.tasks.push({ id: task.id, tolerance: task.tolerance, maxEvaluations: 1, objective: await peerObjective(task), points });
    }
    const out = (await runPeerScript(python!, job)) as { tasks: { id: string; values: number[]; gradients: number[][]; gradientCheck: number[] }[] };
    expect(out.tasks.map((t) => t.id)).toEqual(TASKS.map((t) => t.id));
    out.tasks.forEach((t, i) => {
      const want = expected[i];
      t.values.forEach((v, j) => {
        expect(Math.abs(v - want.values[j]), `${t.id} value at point ${j}`).toBeLessThanOrEqual(1e-9 * Math.abs(want.values[j]));
        const g = want.gradients[j];
        const scale = Math.max(...g.map(Math.abs));
        t.gradients[j].forEach((gt, k) => expect(Math.abs(gt - g[k]), `${t.id} ∂L/∂θ${k} at point ${j}`).toBeLessThanOrEqual(1e-9 * scale));
      });
      // ReLU kinks crossed by the ±h steps on the 4000-sample task cost a little accuracy there.
      for (const err of t.gradientCheck) expect(err, `${t.id} central differences`).toBeLessThan(1e-5);
    });
  }, 120_000);

  it('runs a tiny job end to end in both modes, and its output validates', async () => {
    const [task] = selectTasks(['paper-example-1']);
    const peer = await runScipyPeer({ entries: [{ task, seeds: [0, 1], maxEvaluations: 2000 }], processes: 2 });
    if (!peer.ran) throw new Error(peer.reason);
    expect(peer.runs.map((r) => `${r.seed}:${r.mode}`)).toEqual(['0:defaults', '0:to-target', '1:defaults', '1:to-target']);
    for (const r of peer.runs) {
      expect(r.evaluations).toBeGreaterThan(0);
      expect(r.evaluations).toBeLessThanOrEqual(2000);
      if (r.mode === 'to-target' && r.success) {
        expect(r.stop).toBe('target');
        expect(r.firstHitEvaluations).not.toBeNull();
        expect(r.firstHitEvaluations!).toBeLessThanOrEqual(r.evaluations);
      }
      if (r.mode === 'defaults') expect(r.stop === 'niter' ? r.hops : 100).toBe(100);
    }
    // Same seed, same start, same scipy: the same run.
    const again = await runScipyPeer({ entries: [{ task, seeds: [0, 1], maxEvaluations: 2000 }], processes: 1 });
    if (!again.ran) throw new Error(again.reason);
    expect(again.runs.map(({ wallMs: _w, ...r }) => r)).toEqual(peer.runs.map(({ wallMs: _w, ...r }) => r));
  }, 60_000);

  it('stops at the budget and records a failure when the target is out of reach', async () => {
    const [task] = selectTasks(['rastrigin-5']);
    const job = await buildRunJob([{ task: { ...task, tolerance: -1 }, seeds: [0], maxEvaluations: 50 }], ['to-target']);
    const [run] = validatePeerOutput(job, await runPeerScript(python!, job));
    expect(run).toMatchObject({ success: false, stop: 'max-evaluations', evaluations: 50, firstHitEvaluations: null });
  }, 30_000);

  it('rejects output that does not match its job, naming the field', async () => {
    const [task] = selectTasks(['rastrigin-2']);
    const job = await buildRunJob([{ task, seeds: [0], maxEvaluations: 500 }], ['to-target']);
    const out = (await runPeerScript(python!, job)) as { tasks: { runs: Record<string, unknown>[] }[] };
    expect(validatePeerOutput(job, out)).toHaveLength(1);
    out.tasks[0].runs[0].evaluations = 501;
    expect(() => validatePeerOutput(job, out)).toThrow(/tasks\[0\]\.runs\[0\]\.evaluations: expected an integer in \[0, 500\], got 501/);
  }, 30_000);
});

describe('finding python', () => {
  it('says why when no candidate has scipy', () => {
    const missing = findScipyPython(['/nonexistent/python3']);
    expect(missing).toEqual({ reason: expect.stringMatching(/no Python with numpy and scipy \(\/nonexistent\/python3: ENOENT\)/) });
  });
});
