// The admin console's live view (admin role only): GET /v1/admin/connections, /v1/admin/channels
// and /v1/admin/health. Reads only; they change nothing.
import type { FastifyInstance } from 'fastify';
import type { AdminHealth } from '../../protocol';
import type { LiveView } from '../admin/liveView';
import { identityWithRole, type Authenticate } from './bearer';
import { checkReadiness, type Readiness } from './opsRoutes';

export interface AdminLiveDeps {
  authenticate: Authenticate;
  view: LiveView;
  readiness: Readiness;
  mode: AdminHealth['mode'];
  node: string;
  version: string;
}

export function registerAdminLiveRoutes(app: FastifyInstance, deps: AdminLiveDeps): void {
  const admin = (authorization: string | undefined) => identityWithRole(deps.authenticate, authorization, ['admin']);

  app.get('/v1/admin/connections', async (req) => {
    await admin(req.headers.authorization);
    return deps.view.connections();
  });
  app.get('/v1/admin/channels', async (req) => {
    await admin(req.headers.authorization);
    return deps.view.channels();
  });
  app.get('/v1/admin/health', async (req): Promise<AdminHealth> => {
    await admin(req.headers.authorization);
    const [state, nodes] = await Promise.all([checkReadiness(deps.readiness), deps.view.nodes()]);
    return { ...state, mode: deps.mode, node: deps.node, version: deps.version, nodes };
  });
}
