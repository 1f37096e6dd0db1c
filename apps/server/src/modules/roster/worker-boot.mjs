// Entry of a roster worker thread: the server runs its TypeScript through tsx, which a new thread
// does not inherit, so register it before loading the worker module.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
