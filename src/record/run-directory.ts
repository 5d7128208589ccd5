// The run directory, results/<manifest name>/<run id>/: written in a temporary directory beside
// it and renamed into place when the run ends, complete or not. An existing result is never
// overwritten: --force keeps it beside the new one, --resume skips it when it is complete and
// of the same run.
import { DamonExpError } from '../errors.js';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { processAlive } from '../process-alive.js';

export type RunState = 'running' | 'complete' | 'failed' | 'interrupted';

/** Where files go; replaceable in tests (a full disk). */
export interface ResultFs {
  writeFile(path: string, data: string | Buffer): Promise<void>;
}

export const nodeResultFs: ResultFs = {
  writeFile: (path, data) => writeFile(path, data),
};

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class ExistingResultError extends DamonExpError {}

export interface Existing {
  state: RunState | 'unknown';
  sameRun: boolean;
}

async function existing(final: string, runJson: string): Promise<Existing | null> {
  try {
    await stat(final);
  } catch {
    return null;
  }
  const status = await readFile(join(final, 'status.json'), 'utf8').then((t) => JSON.parse(t) as { state?: RunState }, () => ({ state: undefined }));
  const run = await readFile(join(final, 'run.json'), 'utf8').catch(() => null);
  return { state: status.state ?? 'unknown', sameRun: run !== null && sameRun(run, runJson) };
}

/** What a run's place under resultsRoot holds already, if anything (for --dry-run and sweeps). */
export async function inspectExisting(resultsRoot: string, run: { id: string; manifest: { name: string } }): Promise<Existing | null> {
  return existing(join(resultsRoot, run.manifest.name, run.id), `${JSON.stringify(run, null, 2)}\n`);
}

/** The same run: equal run.json but for how the manifest's path was spelt on the command line. */
function sameRun(a: string, b: string): boolean {
  const comparable = (text: string) => {
    try {
      const run = JSON.parse(text) as { manifest?: { file?: string } };
      if (run.manifest) delete run.manifest.file;
      return JSON.stringify(run);
    } catch {
      return text;
    }
  };
  return comparable(a) === comparable(b);
}

/**
 * A runner killed outright (SIGKILL, a lost machine) leaves its `.<id>.partial-<pid>` behind. The
 * next run of the id keeps it, visibly, as `<id>.before-abandoned-<pid>` (what it holds may still
 * be wanted); a partial directory whose runner is alive is another runner's, and left alone.
 */
async function setAsideAbandoned(final: string, runId: string): Promise<void> {
  const prefix = `.${runId}.partial-`;
  const names = await readdir(dirname(final)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9]+$/.test(name.slice(prefix.length))) continue;
    const pid = Number(name.slice(prefix.length));
    if (pid === process.pid || processAlive(pid)) continue;
    let aside = `${final}.before-abandoned-${pid}`;
    for (let n = 2; await exists(aside); n++) aside = `${final}.before-abandoned-${pid}-${n}`;
    await rename(join(dirname(final), name), aside).catch(() => undefined);
  }
}

export class RunDirectory {
  private constructor(
    readonly final: string,
    readonly tmp: string,
    private readonly fs: ResultFs,
    private readonly keepAside: boolean,
  ) {}

  /**
   * Prepares the directory of a run, or returns null when --resume finds it complete already.
   * `runJson` is the run.json text: a result is "the same run" when it matches byte for byte.
   */
  static async open(
    resultsRoot: string,
    manifestName: string,
    runId: string,
    runJson: string,
    options: { force?: boolean; resume?: boolean; fs?: ResultFs },
  ): Promise<RunDirectory | null> {
    const final = join(resultsRoot, manifestName, runId);
    const found = await existing(final, runJson);
    if (found && options.resume && found.state === 'complete' && found.sameRun) return null;
    if (found && !options.force && !options.resume) {
      throw new ExistingResultError(
        `${final} already holds a result (${found.state})`,
        '--force keeps it beside a new one; --resume skips complete results of the same run',
      );
    }
    await setAsideAbandoned(final, runId);
    const tmp = join(dirname(final), `.${runId}.partial-${process.pid}`);
    await mkdir(tmp, { recursive: true });
    await mkdir(join(tmp, 'logs'));
    await mkdir(join(tmp, 'workloads'));
    return new RunDirectory(final, tmp, options.fs ?? nodeResultFs, found !== null);
  }

  path(relative: string): string {
    return join(this.tmp, relative);
  }

  async write(relative: string, data: string | Buffer): Promise<void> {
    await this.fs.writeFile(this.path(relative), data);
  }

  /** Written whole or not at all: a full disk cannot leave half a status.json. */
  async writeJson(relative: string, data: unknown): Promise<void> {
    await this.write(`${relative}.new`, `${JSON.stringify(data, null, 2)}\n`);
    await rename(this.path(`${relative}.new`), this.path(relative));
  }

  /** Moves the run into place, an earlier result at the same place aside; returns where it went. */
  async close(): Promise<string> {
    try {
      if (this.keepAside) {
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
        let aside = `${this.final}.before-${stamp}`;
        for (let n = 2; await exists(aside); n++) aside = `${this.final}.before-${stamp}-${n}`;
        await rename(this.final, aside);
      }
      await rename(this.tmp, this.final);
    } catch (error) {
      throw new ExistingResultError(`could not move the result into place (${(error as Error).message})`, `it is kept in ${this.tmp}`);
    }
    return this.final;
  }
}
