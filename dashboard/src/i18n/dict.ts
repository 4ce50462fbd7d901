/** A translation dictionary: nested keys, string leaves (i18next resources). */
export interface Dict {
  [key: string]: string | Dict;
}
