import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS, HOST_CHANNELS, isHostChannel, requestSchemas, validateRequest, validateWithSchema } from '../../shared/contract';
import { hostCallSchemas, isHostCallChannel, validateEngineCall } from '../../shared/engine-protocol';

describe('validateWithSchema', () => {
  it('names the channel and the offending field (the documented example)', () => {
    expect(validateWithSchema('runs:get', requestSchemas['runs:get'], { runId: 42 })).toEqual({
      ok: false,
      error: { code: 'CONFIG', message: "Invalid 'runs:get' request: runId: Invalid input: expected string, received number" },
    });
  });
});

describe('the contract', () => {
  it.each([
    [{ template: 'b{batch}', monitor: 'loss' }],
    [{ template: 'b{batch}', monitor: 'loss', saveFreq: 'epoch' }],
    [{ template: 'b{batch}', monitor: 'loss', saveFreq: 100 }],
  ])('accepts the preview request %j (saveFreq is optional)', (request) => {
    expect(validateRequest('checkpoints:preview-path', request)).toEqual({ ok: true, value: request });
  });

  it.each([[0], [2.5], ['batch'], [-1]])('refuses a preview with saveFreq %j', (saveFreq) => {
    expect(validateRequest('checkpoints:preview-path', { template: 't', monitor: 'loss', saveFreq })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Invalid 'checkpoints:preview-path' request: saveFreq: /) },
    });
  });

  it.each([
    [{ runId: 'r1' }, true],
    [{ runId: 'r1', epochs: 20 }, true],
    [{ runId: 'r1', checkpointId: 'last', epochs: 100_000 }, true],
    [{ runId: 'r1', epochs: 0 }, false],
    [{ runId: 'r1', epochs: 100_001 }, false],
    [{ runId: 'r1', epochs: 7.5 }, false],
  ])('takes the resume request %j: %s', (request, ok) => {
    expect(validateRequest('training:resume', request).ok).toBe(ok);
  });

  it('lets the desktop channels and settings be answered by the host, never the engine', () => {
    expect([...HOST_CHANNELS].sort()).toEqual(['checkpoints:reveal', 'dialog:open-csv', 'settings:get', 'settings:set']);
    expect(DESKTOP_CHANNELS.every((channel) => isHostChannel(channel))).toBe(true);
    expect(isHostChannel('runs:list')).toBe(false);
  });

  it('keeps the host calls out of the renderer\'s channels', () => {
    for (const channel of Object.keys(hostCallSchemas)) {
      expect(isHostCallChannel(channel)).toBe(true);
      expect(Object.keys(requestSchemas)).not.toContain(channel);
      expect(validateRequest(channel as never, { runId: 'r1', checkpointId: 'c' })).toEqual({ ok: false, error: { code: 'CONFIG', message: `Unknown channel '${channel}'.` } });
    }
  });
});

describe('validateEngineCall', () => {
  it('validates a host call against its own schema', () => {
    expect(validateEngineCall('checkpoints:locate', { runId: 'r1', checkpointId: 'top/epoch03' })).toEqual({ ok: true, value: { runId: 'r1', checkpointId: 'top/epoch03' } });
    expect(validateEngineCall('checkpoints:locate', { runId: 'r1', checkpointId: '../r2' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Invalid 'checkpoints:locate' request: checkpointId: a checkpoint id/) },
    });
  });

  it('validates a contract call as validateRequest does', () => {
    expect(validateEngineCall('runs:get', { runId: 42 })).toEqual(validateRequest('runs:get', { runId: 42 }));
    expect(validateEngineCall('shell:exec', {})).toEqual({ ok: false, error: { code: 'CONFIG', message: "Unknown channel 'shell:exec'." } });
  });
});
