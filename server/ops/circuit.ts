// A circuit per dependency (PostgreSQL, Redis): the first call that finds it unreachable opens the
// circuit, and from then on callers are refused at once with 503 `unavailable` and a Retry-After
// instead of each waiting out a timeout. A probe, run in the background, closes it again when the
// dependency answers. Readiness reads the state, so /readyz answers at once and names what is down.
import { LiveError } from '../../protocol';

export interface Circuit {
  readonly name: string;
  /** False while the dependency is known to be down. */
  isUp(): boolean;
  /** Throws 503 `unavailable` at once while the circuit is open. */
  guard(): void;
  /** Reports a call's failure; opens the circuit when it says the dependency is unreachable. */
  failed(err: unknown): void;
  /** Runs `work` guarded, with a deadline, opening the circuit on a connection fault or timeout. */
  call<T>(work: () => Promise<T>): Promise<T>;
  stop(): void;
}

export interface CircuitOptions {
  name: string;
  /** Resolves when the dependency answers (the probe), rejects or hangs otherwise. */
  probe: () => Promise<unknown>;
  timeoutMs: number;
  /** How often an open circuit probes, ms. */
  probeEveryMs?: number;
  /** Whether an error means the dependency is unreachable (as opposed to a bad query). */
  isOutage: (err: unknown) => boolean;
  onChange?: (up: boolean, cause?: unknown) => void;
}

export class DependencyTimeout extends Error {
  constructor(name: string, ms: number) {
    super(`${name} did not answer within ${ms} ms`);
    this.name = 'DependencyTimeout';
  }
}

/** Resolves or rejects like `work`, or rejects with DependencyTimeout after `ms`. */
export function withDeadline<T>(name: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyTimeout(name, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function unavailable(name: string, retryAfterMs: number): LiveError {
  return new LiveError('unavailable', `${name} cannot be reached; retry shortly`, {
    dependency: name,
    retryAfterMs,
  });
}

export function createCircuit(options: CircuitOptions): Circuit {
  const probeEveryMs = options.probeEveryMs ?? 500;
  let up = true;
  let probing: NodeJS.Timeout | undefined;
  let stopped = false;

  function close(): void {
    if (up) return;
    up = true;
    options.onChange?.(true);
  }

  function scheduleProbe(): void {
    if (stopped || probing) return;
    probing = setTimeout(() => {
      withDeadline(options.name, options.timeoutMs, options.probe()).then(
        () => {
          probing = undefined;
          close();
        },
        () => {
          probing = undefined;
          scheduleProbe();
        },
      );
    }, probeEveryMs);
    probing.unref();
  }

  function open(cause: unknown): void {
    if (up) {
      up = false;
      options.onChange?.(false, cause);
    }
    scheduleProbe();
  }

  const circuit: Circuit = {
    name: options.name,
    isUp: () => up,
    guard() {
      if (!up) throw unavailable(options.name, probeEveryMs);
    },
    failed(err) {
      if (err instanceof DependencyTimeout || options.isOutage(err)) open(err);
    },
    async call(work) {
      circuit.guard();
      try {
        return await withDeadline(options.name, options.timeoutMs, work());
      } catch (err) {
        circuit.failed(err);
        if (err instanceof LiveError) throw err;
        if (!up) throw unavailable(options.name, probeEveryMs);
        throw err;
      }
    },
    stop() {
      stopped = true;
      clearTimeout(probing);
    },
  };
  return circuit;
}
