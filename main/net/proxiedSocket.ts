// Core's socket factory for the desktop: socket.io-client (Node's stack, as Chromium has no socket
// for the main process) routed the way Chromium would route the gateway's address. The proxy is
// resolved again at every connection attempt, so a PAC answer that changes with the network (VPN
// up, office to home) is followed; https/wss off loopback only.
import type { Agent } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { NAMESPACE } from '../../protocol';
import type { Logger, SocketFactory } from '../../core';
import { agentFor, parseProxyRules, type ProxyRoute } from './proxyAgent';
import { requireSecureServer } from './secureServer';
import type { OnProxyAuthCallback } from 'https-proxy-agent';

export interface SocketRouting {
  /** Chromium's answer for a URL (`session.defaultSession.resolveProxy`). */
  resolveProxy(url: string): Promise<string>;
  /** Certificates to trust for the gateway: Node's bundle plus the OS store, when known. */
  ca(): string[] | undefined;
  /** Answers a proxy's 407 (credentials the person gave for that proxy). */
  onProxyAuth?: (route: ProxyRoute) => OnProxyAuthCallback | undefined;
  log: Logger;
}

type ManagerOpts = { agent?: Agent | false | string; ca?: string[] };

export function proxiedSocketFactory(routing: SocketRouting): SocketFactory {
  return (url, options) => {
    requireSecureServer(url);
    const socket: Socket = io(new URL(NAMESPACE, url).href, {
      transports: options.transports,
      auth: options.auth,
      autoConnect: false,
      reconnection: false,
    });
    const connect = socket.connect.bind(socket);
    let wanted = false;
    socket.connect = () => {
      wanted = true;
      routing
        .resolveProxy(url)
        .catch((err: unknown) => {
          routing.log.warn({ err }, 'proxy could not be resolved: connecting directly');
          return 'DIRECT';
        })
        .then((rules) => {
          if (!wanted) return; // disconnected meanwhile
          const route = parseProxyRules(rules);
          const ca = routing.ca();
          // The manager hands these to the engine (and so to ws) when it opens the transport.
          const opts = socket.io.opts as ManagerOpts;
          opts.agent = agentFor(route, { ca, onProxyAuth: routing.onProxyAuth?.(route) }) ?? false;
          if (ca) opts.ca = ca;
          routing.log.info(
            { proxy: route.kind === 'direct' ? 'direct' : `${route.kind}://${route.host}:${route.port}` },
            'socket route',
          );
          connect();
        })
        .catch((err: unknown) => routing.log.error({ err }, 'socket could not start'));
      return socket;
    };
    const disconnect = socket.disconnect.bind(socket);
    socket.disconnect = () => {
      wanted = false;
      return disconnect();
    };
    return socket;
  };
}
