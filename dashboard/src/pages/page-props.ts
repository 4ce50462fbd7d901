/**
 * What every page component receives. Its own module so pages need not import registry.ts,
 * which lazily imports the pages (a cycle madge reports, and one that would turn eager if a
 * page ever imported a value from the registry).
 */
export interface PageProps {
  /** Path segments after the page name. */
  params: string[];
}
