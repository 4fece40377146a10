/** Why a value was refused, in plain words, with the path of the offending field ('' = the whole). */
export interface ValidationProblem {
  path: string;
  message: string;
}
