/** Per-test temporary directories, removed after each test. */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(async () => {
  while (created.length) await rm(created.pop() as string, { recursive: true, force: true });
});

/** A fresh empty directory for the current test; removed when the test ends. */
export async function makeTempDir(prefix = 'workbench-test-'): Promise<string> {
  const dir = await mkdtemp(nodePath.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
