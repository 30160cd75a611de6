/**
 * The README's ten-line ModelCheckpoint example works as written: it is extracted, run with tsx in
 * a temporary folder inside the repository (so its relative imports resolve), and its output checked.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = nodePath.resolve(__dirname, '..');
let scratch: string | null = null;
let example: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (example) rmSync(example, { force: true });
  scratch = example = null;
});

describe('README', () => {
  it('has the two commands that matter and the headless default run', () => {
    const readme = readFileSync(nodePath.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toContain('npx workbench train');
  });

  it('runs the ModelCheckpoint example as written', () => {
    const readme = readFileSync(nodePath.join(ROOT, 'README.md'), 'utf8');
    const block = /## ModelCheckpoint in ten lines[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The file sits at the repository root, so its './electron/...' imports resolve exactly as written;
    // it runs in a scratch folder, where it writes its checkpoints.
    scratch = mkdtempSync(nodePath.join(ROOT, '.readme-example-'));
    example = nodePath.join(ROOT, `${nodePath.basename(scratch)}.ts`);
    writeFileSync(example, block!);
    const result = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), example], { cwd: scratch, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Epoch 1: val_loss improved from None to ');
    expect(result.stdout).toMatch(/Tensor\n\s+\[\[/);
    const saved = readdirSync(nodePath.join(scratch, 'ckpt'));
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.every((name) => existsSync(nodePath.join(scratch!, 'ckpt', name, 'checkpoint.json')))).toBe(true);
  });
});
