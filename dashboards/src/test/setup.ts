import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy areas and the first render of Chakra can take seconds on a loaded 2-core machine; a
// lookup that waits longer is still a lookup that fails when the element never comes.
configure({ asyncUtilTimeout: 10_000 });

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});

// jsdom lays nothing out and has no scrolling: a page's arrival at its top scrolls nowhere.
window.scrollTo = () => undefined;
