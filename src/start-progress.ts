/**
 * What `npm start` says while it waits: one line per slow step (initialising the embedded database,
 * starting it, migrating, listening), with the seconds counting on a terminal, or a "still …" line
 * every 15 s in a log file, and how long the step took. Operators' console, in English like the banner.
 */
import type { OpenStep } from './db/open';

export interface StartProgress {
  /** A new step begins (the one before it is done). */
  step(text: string): void;
  /** The last step is done. */
  done(): void;
}

export function startProgress(out: NodeJS.WriteStream = process.stdout, now = () => Date.now()): StartProgress {
  let current: { text: string; t0: number; timer: NodeJS.Timeout } | null = null;
  const secs = (t0: number) => Math.round((now() - t0) / 1000);
  const end = () => {
    if (!current) return;
    clearInterval(current.timer);
    const took = secs(current.t0);
    if (out.isTTY) out.write(`\r\x1b[2K${current.text} … done${took ? ` (${took} s)` : ''}\n`);
    else if (took) out.write(`  … done (${took} s)\n`);
    current = null;
  };
  return {
    step(text) {
      end();
      const t0 = now();
      out.write(out.isTTY ? `${text} …` : `${text} …\n`);
      const timer = out.isTTY
        ? setInterval(() => out.write(`\r\x1b[2K${text} … ${secs(t0)} s`), 1000)
        : setInterval(
            () => out.write(`  … still ${text.charAt(0).toLowerCase()}${text.slice(1)} (${secs(t0)} s)\n`),
            15000,
          );
      timer.unref();
      current = { text, t0, timer };
    },
    done: end,
  };
}

/** The words for a step of opening the database. */
export function describeStep(s: OpenStep): string | null {
  switch (s.kind) {
    case 'initialise':
      return `First start: initialising the embedded PostgreSQL database in ${s.dir} (once; it can take a minute)`;
    case 'start':
      return 'Starting the embedded PostgreSQL database';
    case 'migrate':
      return s.pending
        ? `Migrating the database: ${s.pending} migration${s.pending === 1 ? '' : 's'} to apply`
        : 'Checking the database schema';
  }
}
