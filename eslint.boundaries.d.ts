import type { Linter } from 'eslint';

/** Which modules each API module may import (see eslint.boundaries.js). */
export declare const MODULE_FLOORS: Readonly<Record<string, readonly string[]>>;
/** The API's import-boundary lint blocks, spread into eslint.config.js. */
export declare const apiBoundaries: Linter.Config[];
