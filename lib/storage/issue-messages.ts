import type { ValidationProblem } from './validation-problem';
import type { RepairIssue } from './repair-value';

/** A value a lenient read replaced, for a notice or the log. */
export interface Replacement {
  /** Where the bad value was ('' = the whole value). */
  path: string;
  /** A whole sentence, path included, so it can be shown on its own. */
  message: string;
}

/** `download.videoQuality: "9999" is not one of max, …; reset to 1080` (lenient reads). */
export function toReplacement(issue: RepairIssue, rootLabel: string): Replacement {
  return {
    path: issue.path,
    message: `${issue.path || rootLabel}: ${issue.reason}; ${issue.action}`,
  };
}

/** `download.videoQuality: "9999" is not one of max, …` (strict checks refuse instead). */
export function toProblem(issue: RepairIssue, rootLabel: string): ValidationProblem {
  return { path: issue.path, message: `${issue.path || rootLabel}: ${issue.reason}` };
}
