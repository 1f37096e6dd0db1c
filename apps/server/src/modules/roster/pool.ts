import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkResult, ChunkTask, ProcessorConfig } from './processor';

/**
 * Worker threads for one import run: chunks go to the least busy worker; results come back as
 * promises (the caller consumes them in file order). Threads end with the run.
 */
export class ChunkWorkers {
  private readonly workers: Array<{ w: Worker; busy: number }> = [];
  private readonly waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  static defaultSize(): number {
    return Math.max(1, Math.min(4, availableParallelism()));
  }

  constructor(size: number, config: ProcessorConfig) {
    const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;
    const boot = new URL('./worker-boot.mjs', import.meta.url);
    for (let i = 0; i < size; i++) {
      // a small heap: a worker holds one chunk at a time, and unbounded heaps would grow the
      // process by hundreds of MB before V8 bothers to collect
      const w = new Worker(boot, { workerData: { entry, config }, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } });
      const slot = { w, busy: 0 };
      w.on('message', (m: { seq: number; res?: ChunkResult; error?: string }) => {
        slot.busy--;
        const p = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if (!p) return;
        if (m.res) p.resolve(m.res);
        else p.reject(new Error(m.error ?? 'worker failed'));
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`roster worker exited with code ${code}`));
      });
      this.workers.push(slot);
    }
  }

  private fail(err: Error) {
    this.failure ??= err;
    for (const p of this.waiting.values()) p.reject(err);
    this.waiting.clear();
  }

  run(task: ChunkTask): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.waiting.set(task.seq, { resolve, reject });
      slot.w.postMessage(task);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}
