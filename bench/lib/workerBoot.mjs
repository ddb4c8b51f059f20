// Entry of the benchmark's worker threads: TypeScript through tsx, then the module named in
// workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
