// Scenario runner and the JSON report scripts/test-all.mjs counts: {tests:[{name, ok, ms, error?}]}.
// Every scenario is one entry, whatever happens to it (thrown error, timeout, failed cleanup).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class Report {
  constructor() {
    /** @type {{name: string, ok: boolean, ms: number, error?: string, notes?: string[]}[]} */
    this.tests = [];
  }

  /**
   * Runs one scenario: `fn(t)` where `t.defer(cleanup)` registers cleanups (run in reverse order
   * even after a timeout), `t.step(label)` names the current step (a timeout says which one), and
   * `t.note(text)` records a fact worth keeping in the report (e.g. an observed timing).
   */
  async run(name, fn, { timeoutMs = 90_000 } = {}) {
    const started = Date.now();
    const cleanups = [];
    const notes = [];
    let current = 'start';
    const t = {
      name,
      defer: (cleanup) => cleanups.push(cleanup),
      step: (label) => {
        current = label;
      },
      note: (text) => notes.push(text),
    };
    let error = null;
    let timer;
    try {
      await Promise.race([
        fn(t),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`timed out after ${timeoutMs} ms (step: ${current})`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (e) {
      error = e;
    } finally {
      clearTimeout(timer);
    }
    for (const cleanup of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(cleanup), 15_000, 'cleanup');
      } catch (e) {
        // A cleanup failure only matters when the scenario itself passed.
        error ??= new Error(`cleanup failed: ${e?.message ?? e}`);
      }
    }
    const ms = Date.now() - started;
    const entry = { name, ok: error === null, ms };
    if (error) entry.error = formatError(error, current);
    if (notes.length) entry.notes = notes;
    this.tests.push(entry);
    const secs = (ms / 1000).toFixed(1);
    if (entry.ok) console.log(`  ✓ ${name} (${secs} s)`);
    else console.log(`  ✗ ${name} (${secs} s)\n      ${entry.error.split('\n').join('\n      ')}`);
    return entry.ok;
  }

  /** An entry for something that could not run at all (e.g. the build failed). */
  fail(name, error) {
    const entry = { name, ok: false, ms: 0, error: formatError(error, 'setup') };
    this.tests.push(entry);
    console.log(`  ✗ ${name}\n      ${entry.error}`);
  }

  get failed() {
    return this.tests.filter((test) => !test.ok).length;
  }

  write(file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ tests: this.tests }, null, 2)}\n`);
  }
}

function formatError(error, step) {
  const message = error instanceof Error ? error.message : String(error);
  // Playwright errors carry a long call log; the first lines say what failed.
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const short = lines.slice(0, 12).join('\n');
  return step && !short.includes('step:') ? `${short}\n(step: ${step})` : short;
}

export function withTimeout(promise, ms, label) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${label}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns a truthy value; the error says what was last seen. */
export async function waitFor(
  probe,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError
        ? `last error: ${lastError.message ?? lastError}`
        : `last value: ${show(last)}`;
      throw new Error(`waited ${timeoutMs} ms for ${what}; ${detail}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function show(value) {
  try {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text && text.length > 600 ? `${text.slice(0, 600)}…` : text;
  } catch {
    return String(value);
  }
}
