// SIGKILL for a test's child process (a crash, not a stop), resolved once it has exited.
import type { ChildProcess } from 'node:child_process';

export async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
