/** The name in the top bar and on the sign-in page. */
export const PRODUCT_NAME = 'Healthcare Platform';
