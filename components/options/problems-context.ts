import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ValidationProblem } from '../../lib/storage/validation-problem';

/** The last save's validation problems, so each field can mark itself invalid. */
export const ProblemsContext = createContext<readonly ValidationProblem[]>([]);

/** The problem reported for this settings path (exact, or a child of it), if any. */
export function useProblem(path: string | undefined): string | null {
  const problems = useContext(ProblemsContext);
  if (!path) return null;
  const hit = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return hit ? hit.message : null;
}
