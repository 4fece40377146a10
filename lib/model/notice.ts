/** A plain-words notice for the pages (e.g. a corrupt stored value was reset), as i18n key + params. */
export interface Notice {
  key: string;
  params?: string[];
}
