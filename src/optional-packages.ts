/**
 * Optional packages: the scale-out executor's (bullmq, ioredis) and the benchmark figures' (vega,
 * vega-lite) are optional peer dependencies, not installed with no-bad-minima, and imported only
 * by the code that needs them. These are the ranges package.json's peerDependencies give (a test
 * checks that they agree), for the install hint in the error a missing one causes.
 */
export const OPTIONAL_PACKAGES = {
  bullmq: '^6.7.6',
  ioredis: '^6.1.0',
  vega: '^6.4.0',
  'vega-lite': '~6.4.3',
} as const;

export type OptionalPackage = keyof typeof OPTIONAL_PACKAGES;

/**
 * Whether `error` is Node's failure to find one of `names` as a package (so not an error the
 * package threw while loading, nor a missing file of this package's own).
 *
 * @example
 * isMissingPackage(await import('vega').catch((e) => e), ['vega']); // true when vega is not installed
 */
export function isMissingPackage(error: unknown, names: readonly string[]): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return false;
  // Node: "Cannot find package 'vega' imported from /…/plots.js".
  return names.some((name) => message.includes(`Cannot find package '${name}'`));
}

/**
 * The install command for optional packages, with package.json's ranges.
 *
 * @example
 * installHint(['vega', 'vega-lite']); // "npm install vega@^6.4.0 vega-lite@~6.4.3"
 */
export function installHint(names: readonly OptionalPackage[]): string {
  return `npm install ${names.map((name) => `${name}@${OPTIONAL_PACKAGES[name]}`).join(' ')}`;
}
