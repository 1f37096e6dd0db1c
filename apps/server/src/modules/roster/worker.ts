import { parentPort, workerData } from 'node:worker_threads';
import { ChunkProcessor, type ChunkResult, type ChunkTask, type ProcessorConfig } from './processor';

/** A worker thread: processes chunks for one import run (see pool.ts). */
const processor = new ChunkProcessor((workerData as { config: ProcessorConfig }).config);

parentPort!.on('message', (task: ChunkTask) => {
  let res: ChunkResult;
  try {
    res = processor.process(task);
  } catch (err) {
    parentPort!.postMessage({ seq: task.seq, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  const transfer = [res.rowRef.buffer, res.keys.buffer, res.valid.buffer] as ArrayBuffer[];
  if (res.copy) transfer.push(res.copy.buffer as ArrayBuffer);
  parentPort!.postMessage({ seq: task.seq, res }, transfer);
});
