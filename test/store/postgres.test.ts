import { describe } from 'vitest';
import { describeService, dropPostgresSchema, postgresSchemaUrl, postgresUnreachable, uniqueName } from './services.js';
import { storeSuite } from './store-suite.js';

const schemaOf = (url: string) => new URL(url).searchParams.get('schema')!;

describeService('PostgreSQL', await postgresUnreachable(), () => {
  describe('PostgreSQL store', () => {
    storeSuite({
      backend: 'postgres',
      freshUrl: () => postgresSchemaUrl(uniqueName('pg')),
      shared: true,
      drop: (url) => dropPostgresSchema(schemaOf(url)),
    });
  });
});
