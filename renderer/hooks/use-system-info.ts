import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../shared/contract';
import { useWorkbench } from '../api/use-workbench';

/** The engine's `system:info` (host, workspace, backend), or null until it arrived or when it failed. */
export function useSystemInfo(): SystemInfo | null {
  const { api, generation } = useWorkbench();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('system:info', {}).then((result) => {
      if (live && result.ok) setInfo(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, generation]);
  return info;
}
