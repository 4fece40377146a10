import { readFileSync } from 'node:fs';

/** Test inputs: our feed fixtures and the real samples in test/fixtures/tracker-samples/. */
const FEEDS = new URL('../../fixtures/feeds/', import.meta.url);
export const SAMPLES_DIR = new URL('../../fixtures/tracker-samples/', import.meta.url);

export function feedText(name: string): string {
  return readFileSync(new URL(name, FEEDS), 'utf8');
}

export function feedJson(name: string): unknown {
  return JSON.parse(feedText(name)) as unknown;
}

export function sampleJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, SAMPLES_DIR), 'utf8')) as unknown;
}
