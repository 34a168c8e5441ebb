/** Writing the results file and the figures to disk. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { figure1Data } from './figure1.js';
import { figure1Spec, renderSvg, successCurvesSpec, trajectorySpec } from './plots.js';
import type { Results } from './results.js';

export const RESULTS_FILE = 'results.json';

/** JSON has no NaN or Infinity: both become null, which the schema allows where they can occur. */
export function toJson(results: Results): string {
  return `${JSON.stringify(results, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/**
 * Renders the three figures as SVG into each directory and records their names in the results.
 * Returns the paths written.
 */
export async function writeFigures(results: Results, dirs: readonly string[]): Promise<string[]> {
  const titles = Object.fromEntries(results.tasks.map((t) => [t.id, t.title]));
  const figures: { name: string; svg: () => Promise<string> }[] = [
    { name: 'figure1-example1.svg', svg: async () => renderSvg(figure1Spec(await figure1Data())) },
  ];
  if (results.figures.successCurves.length > 0) {
    figures.push({ name: 'success-vs-evaluations.svg', svg: () => renderSvg(successCurvesSpec(results.figures.successCurves, titles)) });
  }
  if (results.figures.trajectories.length > 0) {
    figures.push({ name: 'monitor-trajectories.svg', svg: () => renderSvg(trajectorySpec(results.figures.trajectories, titles)) });
  }
  const written: string[] = [];
  for (const f of figures) {
    const svg = await f.svg();
    for (const dir of dirs) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, f.name), svg);
      written.push(join(dir, f.name));
    }
  }
  results.figures.files = figures.map((f) => f.name);
  return written;
}

/** Writes results.json into `dir` and returns its path. */
export async function writeResults(results: Results, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  await writeFile(path, toJson(results));
  return path;
}
