// Reads /readyz with how long it took to answer.
export interface ReadinessAnswer {
  status: number;
  ms: number;
  body: { ready: boolean; checks: Record<string, boolean>; [k: string]: unknown };
}

export async function readiness(url: string): Promise<ReadinessAnswer> {
  const started = performance.now();
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as ReadinessAnswer['body'];
  return { status: res.status, ms: performance.now() - started, body };
}
