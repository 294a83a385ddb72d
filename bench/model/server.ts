import type { AddressInfo } from 'node:net';
import { createFakeModelServer } from './fake-llm.js';

/** The fake model in a process of its own (fake-model.ts forks it): its work never shares Mull's event loop. */
export type { ModelCall } from './fake-llm.js';

const server = createFakeModelServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', port });
});
process.on('disconnect', () => process.exit(0));
