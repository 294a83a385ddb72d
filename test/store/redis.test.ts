import { dropRedisNamespace, describeService, REDIS_URL, unreachable } from './services.js';
import { storeSuite } from './store-suite.js';

describeService('Redis', await unreachable(REDIS_URL), () => {
  storeSuite({
    backend: 'redis',
    url: REDIS_URL,
    shared: true,
    drop: (namespace) => dropRedisNamespace(REDIS_URL, namespace),
  });
});
