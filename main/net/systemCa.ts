// The certificates Node's TLS should trust for the gateway: its own bundle plus the OS store, so an
// office's own certificate authority (installed by IT in the OS) works for the socket as it does
// for Chromium. Node gained the OS store reader in 22.15 (Electron 45 carries Node 22); without
// it, Node's bundle alone applies and this says so once.
import tls from 'node:tls';
import type { Logger } from '../../core';

type CaReader = (type: 'default' | 'system') => string[];

export function trustedCertificates(
  read: CaReader | undefined = (tls as { getCACertificates?: CaReader }).getCACertificates,
  log?: Logger,
): string[] | undefined {
  if (!read) {
    log?.warn({}, 'this runtime cannot read the OS certificate store: Node’s bundle only for the socket');
    return undefined;
  }
  try {
    return [...new Set([...read('default'), ...read('system')])];
  } catch (err) {
    log?.warn({ err }, 'the OS certificate store could not be read');
    return undefined;
  }
}
