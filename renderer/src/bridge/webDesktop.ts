// The desktop part of the bridge in the web console: nothing to offer (no login item, tray, badge,
// report file or self-update), said as capabilities so the screens simply leave those out.
import { LiveError, NO_DESKTOP, type DesktopBridge } from '../../../protocol';

export const webDesktop: DesktopBridge = {
  getDesktop: async () => ({
    platform: 'web',
    version: '',
    capabilities: NO_DESKTOP,
    update: { state: 'unsupported' },
  }),
  reportProblem: async () => {
    throw new LiveError('unavailable', 'Problem reports are made by the desktop app');
  },
  installUpdate: async () => ({ state: 'unsupported' }),
  onUpdate: () => () => undefined,
  // The browser asks for proxy credentials itself.
  onProxyAuth: () => () => undefined,
  answerProxyAuth: async () => undefined,
  // The browser's own print dialog; it does not say whether the page was printed.
  print: async () => {
    window.print();
    return { printed: true };
  },
};
