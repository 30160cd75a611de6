/**
 * Where a validated call goes: settings and the desktop channels (file manager, file dialog) are
 * answered by the main process itself, everything else by the engine.
 */
import type { RequestChannel, RequestOf, Result } from '../../shared/contract';
import { ConfigError, toErrorData } from '../../shared/errors';
import type { EngineHost } from '../node/engine-host/engine-host';
import type { DesktopCalls } from './desktop-calls';
import type { SettingsPatch, SettingsStore } from './settings-store';

/** Options of {@link CallRouter}. */
export interface CallRouterArgs {
  settings: SettingsStore;
  /** The engine host; its `restart` applies a new workspace. */
  engine: Pick<EngineHost, 'call' | 'isTraining' | 'restart'>;
  /** Answers `checkpoints:reveal` and `dialog:open-csv`. */
  desktop: Pick<DesktopCalls<unknown>, 'revealCheckpoint' | 'openCsv'>;
}

/** Routes validated calls to the settings store or the engine; never throws. */
export class CallRouter {
  constructor(private readonly args: CallRouterArgs) {}

  /** Answers one call whose request has already been validated against its schema. */
  async route(channel: RequestChannel, request: unknown): Promise<Result<unknown>> {
    try {
      if (channel === 'settings:get') return { ok: true, value: this.args.settings.get() };
      if (channel === 'settings:set') return { ok: true, value: this.setSettings(request as SettingsPatch) };
      if (channel === 'checkpoints:reveal') return { ok: true, value: await this.args.desktop.revealCheckpoint(request as RequestOf<'checkpoints:reveal'>) };
      if (channel === 'dialog:open-csv') return { ok: true, value: await this.args.desktop.openCsv() };
      return await this.args.engine.call(channel, request);
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  }

  private setSettings(patch: SettingsPatch) {
    const { settings, engine } = this.args;
    const before = settings.workspace;
    const moving = patch.workspace !== undefined && patch.workspace !== before;
    if (moving && engine.isTraining()) {
      throw new ConfigError('A training is running; stop it before changing the workspace folder.');
    }
    const updated = settings.update(patch);
    // The engine reads its workspace at start (WORKBENCH_WORKSPACE): start a fresh one there.
    if (settings.workspace !== before) void engine.restart();
    return updated;
  }
}
