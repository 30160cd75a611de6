import { describe, expect, it } from 'vitest';

import { formatBackendReport } from '../../shared/backend-report';

describe('formatBackendReport', () => {
  it('prints one aligned line per backend, with the reasons', () => {
    expect(formatBackendReport({
      requested: 'auto',
      selected: 'wasm',
      tfjsBackend: 'wasm',
      attempts: [
        { backend: 'tfjs-node-gpu', status: 'failed', reason: 'not installed' },
        { backend: 'tfjs-node', status: 'failed', reason: 'not installed' },
        { backend: 'wasm', status: 'selected' },
        { backend: 'cpu', status: 'skipped', reason: 'wasm was selected first' },
      ],
    })).toBe(
      'backend: wasm (requested: auto)\n' +
      '  tfjs-node-gpu  failed    not installed\n' +
      '  tfjs-node      failed    not installed\n' +
      '  wasm           selected\n' +
      '  cpu            skipped   wasm was selected first',
    );
  });
});
