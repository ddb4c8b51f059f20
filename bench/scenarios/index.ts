// Every benchmark scenario, in the order `npm run bench` lists them.
import type { Params, Scenario } from '../lib/scenario';
import { baseline } from './baseline';
import { busy } from './busy';
import { cluster } from './cluster';
import { connections } from './connections';
import { core } from './core';
import { deadNetwork } from './deadNetwork';
import { presence } from './presence';
import { queries } from './queries';
import { fanout } from './fanout';
import { reconnectStorm } from './reconnectStorm';
import { renderer } from './renderer';
import { wire } from './wire';

const all = [
  fanout,
  baseline,
  busy,
  connections,
  reconnectStorm,
  cluster,
  core,
  renderer,
  deadNetwork,
  wire,
  queries,
  presence,
];

export const SCENARIOS = all as unknown as Scenario<Params>[];
