/**
 * Scores → 0–100 or null. hyper.lol's score is curved and "can slightly exceed 100", and is
 * −1 when offline (docs/cobalt-api.md §6.1, §9 item 16); cobalt.best's is an int 0–100 (§6.3). A negative
 * score is "no score", not a bad one.
 */
const MAX_SCORE = 100;

export function clampScore(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return Math.min(value, MAX_SCORE);
}
