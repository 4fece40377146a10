import type { ValidationProblem } from '../storage/validation-problem';

/** The answer to a settings change: saved, or the problems that kept it from being saved. */
export type SaveResult = { ok: true } | { ok: false; problems: ValidationProblem[] };
