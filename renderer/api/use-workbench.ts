import { useContext } from 'react';
import { WorkbenchContext, type WorkbenchContextValue } from './workbench-context';

/** The engine API and connection state of the nearest `WorkbenchProvider`. */
export function useWorkbench(): WorkbenchContextValue {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error('useWorkbench() needs a <WorkbenchProvider> above it.');
  return value;
}
