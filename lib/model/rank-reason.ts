/** A reason an instance ranks where it does, or why it is excluded. `key` is an i18n message key. */
export interface RankReason {
  key: string;
  /** Substitutions for the i18n message. */
  params?: string[];
  /** + helps, − hurts, ! excludes, = neutral information. */
  effect: '+' | '-' | '!' | '=';
}
