import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from './clock';
import type { ServiceModule } from './service';

const stateFileSchema = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number().min(0),
  modules: z.record(z.string(), z.unknown()),
});

export class StateFileInvalid extends Error {
  readonly code = 'STATE_FILE_INVALID';
}

/**
 * Persists every module's `exportState` plus the clock offset as one JSON file, so a
 * restarted demo keeps its onboarded partner. Saves are debounced: a burst of requests
 * makes one write. `stateDir` null = in-memory only (tests).
 */
export class StateStore {
  readonly #file: string | null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    stateDir: string | null,
    private readonly modules: readonly ServiceModule[],
    private readonly clock: Clock,
    private readonly debounceMs = 200,
  ) {
    this.#file = stateDir ? path.join(path.resolve(stateDir), 'state.json') : null;
  }

  /** Loads the saved state into the modules (or deletes it when `reset`). */
  load(reset: boolean): void {
    if (!this.#file) return;
    if (reset) {
      rmSync(this.#file, { force: true });
      return;
    }
    if (!existsSync(this.#file)) return;
    const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
    if (!parsed.success) {
      throw new StateFileInvalid(
        `${this.#file} is not emulator state; start with --reset to discard it.`,
      );
    }
    this.clock.offsetMs = parsed.data.clockOffsetMs;
    for (const service of this.modules) {
      const state = parsed.data.modules[service.name];
      if (state !== undefined) service.importState(state);
    }
  }

  /** Schedules a save; repeated calls within the debounce window coalesce. */
  scheduleSave(): void {
    if (!this.#file || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.saveNow();
    }, this.debounceMs);
    this.#timer.unref();
  }

  /** Writes atomically (temp file + rename) so a crash never leaves half a file. */
  saveNow(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#file) return;
    const modules = Object.fromEntries(this.modules.map((m) => [m.name, m.exportState()]));
    const body = JSON.stringify({ version: 1, clockOffsetMs: this.clock.offsetMs, modules });
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temp, body, { mode: 0o600 });
    renameSync(temp, this.#file);
  }
}
