import { useEffect, useState } from 'react';
import { useWorkbench } from '../../api/use-workbench';
import { useDebouncedValue } from '../../shared-ui/use-debounced-value';

/** Props of {@link CheckpointPathPreview}. */
export interface CheckpointPathPreviewProps {
  template: string;
  monitor: string;
  /** The policy's cadence: a number previews a batch-level save (`{batch}`, training logs only). Defaults to 'epoch'. */
  saveFreq?: 'epoch' | number;
  /** Delay after the last keystroke before asking the engine. Defaults to 300 ms. */
  debounceMs?: number;
}

type Preview = { key: string; path: string } | { key: string; error: string };

/**
 * The checkpoint name a template would produce, as the engine formats it
 * (`checkpoints:preview-path`), updated as the template (or the save frequency) changes.
 */
export function CheckpointPathPreview({ template, monitor, saveFreq = 'epoch', debounceMs = 300 }: CheckpointPathPreviewProps) {
  const { api } = useWorkbench();
  const key = `${template}\u0000${monitor}\u0000${saveFreq}`;
  const settled = useDebouncedValue(key, debounceMs);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    const [settledTemplate, settledMonitor, settledFreq] = settled.split('\u0000');
    if (!settledTemplate) return undefined;
    let live = true;
    const request = { template: settledTemplate, monitor: settledMonitor, saveFreq: settledFreq === 'epoch' ? ('epoch' as const) : Number(settledFreq) };
    void api.call('checkpoints:preview-path', request).then((result) => {
      if (!live) return;
      if (!result.ok) setPreview({ key: settled, error: result.error.message });
      else if ('error' in result.value) setPreview({ key: settled, error: result.value.error });
      else setPreview({ key: settled, path: result.value.path });
    });
    return () => {
      live = false;
    };
  }, [api, settled]);

  const stale = !preview || preview.key !== key;
  return (
    <div className={`path-preview${stale ? ' path-preview-stale' : ''}`} aria-live="polite" data-testid="checkpoint-path-preview">
      <span className="path-preview-label">Preview: </span>
      {!template ? (
        <span className="muted">enter a template</span>
      ) : !preview ? (
        <span className="muted">…</span>
      ) : 'path' in preview ? (
        <code>{preview.path}</code>
      ) : (
        <span className="error-text" role="alert">
          {preview.error}
        </span>
      )}
    </div>
  );
}
