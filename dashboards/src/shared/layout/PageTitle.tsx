import { PRODUCT_NAME } from '../product';

/**
 * A page's title ("Lab results · Patient portal · Healthcare Platform"), rendered where the page is
 * and put in the document's head by React. Only the names of sections, never what a page shows:
 * titles go to the browser's history, its synced devices and the tab strip a passer-by sees, where
 * a patient's name or a conversation's subject must not.
 */
export function PageTitle({ parts }: { parts: readonly string[] }) {
  return <title>{pageTitle(parts)}</title>;
}

export function pageTitle(parts: readonly string[]): string {
  return [...parts, PRODUCT_NAME].join(' · ');
}
