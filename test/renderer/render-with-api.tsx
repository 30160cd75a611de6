import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { WorkbenchApi } from '../../shared/contract';
import { WorkbenchProvider } from '../../renderer/api/workbench-provider';

/** Renders a component under a `WorkbenchProvider` with the given API. */
export function renderWithApi(ui: ReactElement, api: WorkbenchApi): RenderResult {
  return render(<WorkbenchProvider api={api}>{ui}</WorkbenchProvider>);
}
