/** The gate was full: the work was refused at once, not queued. */
export class GateFull extends Error {
  constructor() {
    super('too much work of this kind at once');
    this.name = 'GateFull';
  }
}

export interface WorkGate {
  /** Runs `work` when a lane is free; throws GateFull at once when every lane is taken and the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
  readonly limits: { readonly lanes: number; readonly queue: number };
}

/**
 * At most `lanes` pieces of expensive work at once, `queue` more waiting in order, the rest refused early. Password
 * hashes run on the thread pool that file reads also need, so a flood of sign-ins must not take all of it.
 * @example const gate = workGate({ lanes: 2, queue: 8 }); await gate.run(() => verifyPassword(p, hash));
 */
export function workGate(limits: { lanes: number; queue: number }): WorkGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async run(work) {
      if (running >= limits.lanes) {
        if (waiting.length >= limits.queue) throw new GateFull();
        // A lane is handed over directly by `release`, so `running` stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    limits,
  };
}
