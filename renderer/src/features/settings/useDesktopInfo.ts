// What the host can do on this platform (capabilities), its version and update state, asked once
// when a screen needs it; undefined until the answer comes.
import { useEffect, useState } from 'react';
import type { DesktopInfo } from '../../../../protocol';
import { getBridge } from '../../bridge';

export function useDesktopInfo(): DesktopInfo | undefined {
  const [info, setInfo] = useState<DesktopInfo>();
  useEffect(() => {
    let current = true;
    getBridge()
      .getDesktop()
      .then(
        (i) => current && setInfo(i),
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, []);
  return info;
}
