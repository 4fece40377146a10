/**
 * Which code an instance runs, as `owner/repo` (docs/cobalt-api.md §3.5, §6.2): cobalt's `GET /`
 * reports `git.remote` (from the deployment's git remote, via `@imput/version-info` in
 * https://github.com/imputnet/cobalt/blob/main/api/src/core/api.js) and cobalt.directory copies it
 * into each entry's `codebase` (`remote` before 2026-01-20). Forks report their own repository.
 */

/** The upstream project; the trust setting "only instances running imputnet/cobalt" keeps these. */
const UPSTREAM_CODEBASE = 'imputnet/cobalt';

/** Longer than any GitHub `owner/repo` (39 + 1 + 100). */
const MAX_CODEBASE_CHARS = 140;
/** GitHub's owner and repository name alphabets. */
const OWNER_REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/**
 * `owner/repo` from what a tracker or instance says, or null when it says nothing usable.
 * A remote written as a GitHub URL or with `.git` is reduced to the same form, so one fork is
 * one name wherever it was read.
 */
export function normaliseCodebase(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_CODEBASE_CHARS * 2) return null;
  const bare = value
    .trim()
    .replace(/^(?:https?:\/\/|git@)?github\.com[/:]/i, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
  if (bare.length > MAX_CODEBASE_CHARS || !OWNER_REPO.test(bare)) return null;
  return bare;
}

/** Whether a normalised codebase is upstream cobalt (GitHub names are case-insensitive). */
export function isUpstreamCodebase(codebase: string): boolean {
  return codebase.toLowerCase() === UPSTREAM_CODEBASE;
}
