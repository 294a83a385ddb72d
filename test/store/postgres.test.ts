import { dropPostgresNamespace, describeService, POSTGRES_URL, unreachable } from './services.js';
import { storeSuite } from './store-suite.js';

describeService('PostgreSQL', await unreachable(POSTGRES_URL), () => {
  storeSuite({
    backend: 'postgres',
    url: POSTGRES_URL,
    shared: true,
    drop: (namespace) => dropPostgresNamespace(POSTGRES_URL, namespace),
  });
});
