import type { AddKeyRequest } from '../../lib/ui/add-key-link';
import type { UserError } from '../../lib/model/user-error';
import type { ServiceKey } from '../../lib/services/service-key';
import type { Settings } from '../../lib/settings/schema';
import type { DeepTestState } from './probe-section';
import type { TransferStatus } from './import-export';
import type { ValidationProblem } from '../../lib/storage/validation-problem';

/** What the options views can ask for; OptionsRoot maps each to a protocol message. */
export interface OptionsActions {
  /** Replace the draft (nothing is sent until save). */
  change(next: Settings): void;
  /** 'settings/save' with the draft. */
  save(): void;
  /** Throw the draft away: back to the stored settings. */
  discard(): void;
  /** 'sources/refresh'. */
  refreshSources(): void;
  /** 'instance/test'. */
  deepTest(origin: string, service: ServiceKey | null): void;
  /** 'settings/export', then hand the JSON to the page to save as a file. */
  exportSettings(): void;
  /** 'settings/import'. */
  importSettings(json: string): void;
  /** 'history/clear'. */
  clearHistory(): void;
  /** 'settings/reset'. */
  resetSettings(): void;
  reload(): void;
}

export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'problems'; problems: ValidationProblem[] }
  /** Not saved: `error` when the background refused or failed, none when it did not answer. */
  | { kind: 'failed'; error?: UserError };

/** Options page state that is not part of the background's snapshot. */
export interface OptionsLocal {
  save: SaveStatus;
  transfer: TransferStatus;
  refreshing: boolean;
  deepTest: DeepTestState;
  loadFailed: boolean;
  now: number;
  /** The popup's "Add a key" (lib/ui/add-key-link.ts): the origin My instances starts with. */
  addKey?: AddKeyRequest | null;
}
