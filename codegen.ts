import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the dashboards, from the committed schema file (works offline) and the
 * operations written beside the components that use them. `npm run codegen` writes them;
 * `npm run check` fails when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['dashboards/src/**/*.{ts,tsx}', '!dashboards/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'dashboards/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'getFragmentData' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string' },
      },
    },
  },
};

export default config;
