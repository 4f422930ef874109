import type { CodegenConfig } from '@graphql-codegen/cli';

// The typed TypeScript client: generated offline from the committed schema and the operation documents
// (schema/operations/ is shared with the .NET client; operations/ holds the explorer's own; examples/
// are the IDE's saved examples, validated here so that they never drift from the schema).
const config: CodegenConfig = {
  schema: '../../schema/schema.graphql',
  documents: ['../../schema/operations/**/*.graphql', 'operations/**/*.graphql', 'examples/**/*.graphql'],
  ignoreNoDocuments: false,
  errorsOnly: false,
  silent: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
        strictScalars: true,
        avoidOptionals: false,
      },
    },
  },
};

export default config;
