/**
 * Quitting while a training runs: ask first, then let the engine finish its epoch and write its
 * pending checkpoints (`shutdown`, graceful) before the app goes away.
 */
import type { EngineHost } from '../node/engine-host/engine-host';
import type { PreventableEvent } from './navigation-guard';

/** Options of {@link QuitGuard}. */
export interface QuitGuardArgs {
  engine: Pick<EngineHost, 'isTraining' | 'shutdown'>;
  /** Asks "A training is running. Stop it and quit?"; resolves true to stop and quit. */
  confirmStopTraining: () => Promise<boolean>;
  /** `app.quit()`: called again once the engine is down (then the guard lets it through). */
  quit: () => void;
  /** How long the engine may take to finish its epoch and checkpoints. Defaults to 60,000 ms. */
  shutdownTimeoutMs?: number;
  /** Where trouble is reported. Defaults to `console.warn`. */
  log?: (message: string) => void;
}

/**
 * Hooks `app`'s `before-quit` and the main window's `close`. The first quit is held back (the event
 * prevented) until the user confirmed (when training) and the engine shut down; then the guard quits
 * again and lets that one through.
 */
export class QuitGuard {
  private phase: 'running' | 'asking' | 'stopping' | 'done' = 'running';

  constructor(private readonly args: QuitGuardArgs) {}

  /** Whether the engine is down and quitting may proceed. */
  get done(): boolean {
    return this.phase === 'done';
  }

  /** For `app.on('before-quit')`. */
  onBeforeQuit(event: PreventableEvent): void {
    if (this.phase === 'done') return;
    event.preventDefault();
    if (this.phase !== 'running') return;
    void this.stopEngineThenQuit();
  }

  /**
   * For the main window's `close`: closing the last window quits (on Linux and Windows), and once it
   * is closed there is nothing left to ask over, so a close during training becomes a quit request.
   */
  onWindowClose(event: PreventableEvent): void {
    if (this.phase === 'done' || !this.args.engine.isTraining()) return;
    event.preventDefault();
    this.args.quit();
  }

  private async stopEngineThenQuit(): Promise<void> {
    try {
      if (this.args.engine.isTraining()) {
        this.phase = 'asking';
        const stop = await this.args.confirmStopTraining();
        if (!stop) {
          this.phase = 'running';
          return;
        }
      }
      this.phase = 'stopping';
      const outcome = await this.args.engine.shutdown({ graceful: true, timeoutMs: this.args.shutdownTimeoutMs ?? 60_000 });
      if (outcome === 'timeout') (this.args.log ?? console.warn)('The engine did not finish in time and was stopped.');
    } catch (error) {
      (this.args.log ?? console.warn)(`Shutting the engine down failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.phase = 'done';
    this.args.quit();
  }
}
