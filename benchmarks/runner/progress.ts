/** The progress bar on stderr (cli-progress); on a non-terminal stderr, a line every 15 s instead. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

export function createProgress(): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'bench |{bar}| {value}/{total} runs | {percentage}% | ETA {eta_formatted} | {label}',
      noTTYOutput: true,
      notTTYSchedule: 15_000,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, 0, { label });
        started = true;
      }
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
