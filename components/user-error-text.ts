import type { UserError } from '../lib/model/user-error';
import { tOr } from '../platform/i18n';

/** A UserError as one line of plain words (title: detail), for places with no error panel. */
export function userErrorText(error: UserError): string {
  const title = tOr(error.titleKey, 'error_generic_title', error.params);
  const detail = tOr(error.detailKey, 'error_generic_detail', error.params);
  return `${title}: ${detail}`;
}
