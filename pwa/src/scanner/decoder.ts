/**
 * The page's handle on the scanner's worker (`./zxing.ts`): one worker for the page's life, started on first use.
 * A module worker where the browser has them; otherwise (Chrome < 80, Safari < 15, Firefox < 114, or a module
 * worker that fails to start) the classic build of the same worker that scripts/scanner-classic.ts makes.
 */
import classicWorkerUrl from "virtual:vneid-scanner-classic";
import type { Job, JobError, JobMessage, Ready, Reply } from "./protocol";

/** A job could not be done: the worker could not be started or stopped, or it answered {@link JobError}. */
export class DecoderError extends Error {
  constructor(readonly problem: JobError) {
    super(problem);
  }
}

/** The running worker. */
export interface Decoder {
  /** The worker draws bitmaps itself (`OffscreenCanvas`): send it bitmaps, not pixels. */
  readonly offscreen: boolean;
  /**
   * Posts `job` (moving `transfer` to the worker) and resolves to the text read, or `null`. Rejects with a
   * {@link DecoderError} from the worker, or with the browser's error when `job` cannot be posted at all.
   */
  run(job: Job, transfer: Transferable[]): Promise<string | null>;
}

let current: Promise<Decoder> | null = null;

/** A module worker, or an error when the browser does not read the `type` option (no module workers). */
function moduleWorker(): Worker {
  let typeRead = false;
  const options = {
    get type(): WorkerType {
      typeRead = true;
      return "module";
    },
  };
  const worker = new Worker(new URL("./zxing.ts", import.meta.url), /* @vite-ignore */ options);
  if (!typeRead) {
    worker.terminate();
    throw new Error("no module workers");
  }
  return worker;
}

function classicWorker(): Worker {
  if (!classicWorkerUrl) throw new Error("no classic worker in this build");
  return new Worker(classicWorkerUrl);
}

/** Starts a worker and resolves once it says it is ready; rejects if it fails first. */
function spawn(create: () => Worker): Promise<Decoder> {
  return new Promise((resolve, reject) => {
    const worker = create();
    const pending = new Map<number, { resolve(text: string | null): void; reject(e: DecoderError): void }>();
    let nextId = 1;
    let ready = false;
    const decoder = (offscreen: boolean): Decoder => ({
      offscreen,
      run(job, transfer) {
        const id = nextId++;
        return new Promise((res, rej) => {
          pending.set(id, { resolve: res, reject: rej });
          try {
            worker.postMessage({ ...job, id } satisfies JobMessage, transfer);
          } catch (e) {
            // cannot be sent (a browser that cannot move this kind of frame): nothing was moved
            pending.delete(id);
            rej(e);
          }
        });
      },
    });
    worker.onmessage = (event: MessageEvent<Reply | Ready>) => {
      const m = event.data;
      if ("ready" in m) {
        ready = true;
        resolve(decoder(m.offscreen));
        return;
      }
      const job = pending.get(m.id);
      pending.delete(m.id);
      if (!job) return;
      if ("error" in m) job.reject(new DecoderError(m.error));
      else job.resolve(m.text);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (!ready) return reject(new DecoderError("load"));
      // The worker died: its jobs fail, and the next use starts a new one.
      current = null;
      for (const job of pending.values()) job.reject(new DecoderError("load"));
      pending.clear();
    };
  });
}

/** The worker, started once; a worker that failed to start (network) is tried again on the next call. */
export function connect(): Promise<Decoder> {
  if (!current) {
    const started = spawn(moduleWorker).catch(() => spawn(classicWorker));
    current = started;
    started.catch(() => {
      if (current === started) current = null;
    });
  }
  return current;
}
