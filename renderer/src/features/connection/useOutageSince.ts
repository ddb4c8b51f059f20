// How long the connection has been down: the offline banner waits a few seconds before it shows.
import { useState } from 'react';
import type { ConnectionInfo } from '../../../../protocol';

/** When the current outage began (the connection left `connected`), kept across state changes. */
export function useOutageSince(info: ConnectionInfo): number | undefined {
  const down = info.state !== 'connected' && info.state !== 'idle' && info.state !== 'unauthorized';
  const [since, setSince] = useState<number | undefined>(down ? info.since : undefined);
  if (down && since === undefined) setSince(info.since);
  if (!down && since !== undefined) setSince(undefined);
  return down ? (since ?? info.since) : undefined;
}
