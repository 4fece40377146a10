/** A user-facing error: what happened and what to do, as i18n keys. */
export interface UserError {
  /** 'content' → nothing to retry; 'instances' → all failed; 'setup' → fix a setting/key; 'input' → bad link. */
  kind: 'content' | 'instances' | 'setup' | 'input' | 'internal';
  titleKey: string;
  detailKey: string;
  params?: string[];
  code?: string;
}
