// CPU and memory of processes over a measurement window: another process through /proc (Linux),
// this process through process.cpuUsage(). CPU is in % of one core (200 = both cores of two).
import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ, 100 on every Linux the benchmarks run on

function readTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : 0;
}

export interface CpuWindow {
  /** CPU used since the window started, % of one core. */
  cpuPct(): number;
  restart(): void;
}

/** CPU of another process (by pid) since the window (re)started. */
export function processCpu(pid: number): CpuWindow {
  let t0 = performance.now();
  let ticks0 = readTicks(pid);
  return {
    cpuPct() {
      const s = (performance.now() - t0) / 1000;
      return s > 0 ? ((readTicks(pid) - ticks0) / TICKS_PER_S / s) * 100 : 0;
    },
    restart() {
      t0 = performance.now();
      ticks0 = readTicks(pid);
    },
  };
}

/** CPU of this process (the load generator) since the window (re)started. */
export function selfCpu(): CpuWindow {
  let t0 = performance.now();
  let u0 = process.cpuUsage();
  return {
    cpuPct() {
      const s = (performance.now() - t0) / 1000;
      const u = process.cpuUsage(u0);
      return s > 0 ? ((u.user + u.system) / 1e6 / s) * 100 : 0;
    },
    restart() {
      t0 = performance.now();
      u0 = process.cpuUsage();
    },
  };
}

/** Samples a process's CPU (% since the previous sample) and RSS every `intervalMs`. */
export function sampleProcess(pid: number, intervalMs = 1000) {
  const samples: { t: number; cpuPct: number; rssMb: number }[] = [];
  const start = performance.now();
  let last = { t: start, ticks: readTicks(pid) };
  const timer = setInterval(() => {
    try {
      const now = performance.now();
      const ticks = readTicks(pid);
      const cpuPct = ((ticks - last.ticks) / TICKS_PER_S / ((now - last.t) / 1000)) * 100;
      samples.push({ t: (now - start) / 1000, cpuPct, rssMb: rssMb(pid) });
      last = { t: now, ticks };
    } catch {
      // the process exited (a kill scenario): keep what was sampled
    }
  }, intervalMs);
  timer.unref();
  return {
    samples,
    stop: () => clearInterval(timer),
    peakRssMb: () => samples.reduce((m, s) => Math.max(m, s.rssMb), 0),
  };
}

/**
 * The share of all CPU time the hypervisor took from this machine (`steal` in /proc/stat, a shared
 * VM's neighbours), from the text of two /proc/stat reads; undefined when it cannot be told.
 */
export function stealPctBetween(before: string, after: string): number | undefined {
  const times = (text: string) => {
    const cpu = text.split('\n').find((l) => l.startsWith('cpu '));
    // user nice system idle iowait irq softirq steal (guest time is inside user already)
    const f = cpu?.trim().split(/\s+/).slice(1, 9).map(Number);
    if (!f || f.length < 8 || f.some((n) => !Number.isFinite(n))) return undefined;
    return { total: f.reduce((a, b) => a + b, 0), steal: f[7] as number };
  };
  const a = times(before);
  const b = times(after);
  if (!a || !b || b.total <= a.total) return undefined;
  return ((b.steal - a.steal) / (b.total - a.total)) * 100;
}

/** The machine's CPU time stolen by the hypervisor since this was called, % of all CPU time. */
export function hostSteal(): { pct(): number | undefined } {
  const read = () => {
    try {
      return readFileSync('/proc/stat', 'utf8');
    } catch {
      return '';
    }
  };
  const before = read();
  return { pct: () => stealPctBetween(before, read()) };
}
