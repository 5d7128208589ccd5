// record's folder, OUT/<name>/: the implicit manifest it ran and, beside it, the run's result
// (run/). The manifest belongs to the result beside it: it is never overwritten, goes aside with
// --force, and comes back when the new recording did not take run/'s place.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunJson, RUN_FILES, timeStamp, type RunStatus } from '../record/run-files.js';
import { keepAside } from '../util/keep-aside.js';
import { makeDirs } from '../util/make-dirs.js';
import { UserError, type Output } from './output.js';

export class RecordingFolder {
  readonly name: string;
  readonly dir: string;
  readonly manifest: string;
  readonly runDir: string;
  private readonly setAside: string | null;
  private readonly created: boolean;
  private readonly earlierStart: string | null;

  /**
   * OUT/<name>/ with `manifestText` as its manifest.yaml; without a name, a fresh
   * record-<date>-<time> (-2, -3, … when another recording took that second).
   */
  constructor(
    out: string,
    name: string | undefined,
    force: boolean,
    manifestText: (name: string) => string,
    now = new Date(),
  ) {
    const claimed = name === undefined ? claimRecordingFolder(out, now) : null;
    this.name = claimed ?? name!;
    this.dir = join(out, this.name);
    this.manifest = join(this.dir, 'manifest.yaml');
    this.runDir = join(this.dir, 'run');
    this.created = claimed !== null || !existsSync(this.dir);
    let text: string;
    try {
      text = manifestText(this.name);
    } catch (error) {
      if (claimed !== null) rmSync(this.dir, { recursive: true, force: true });
      throw error;
    }
    let setAside: string | null = null;
    if (existsSync(this.manifest)) {
      if (!force)
        throw new UserError(
          `${this.dir} holds an earlier recording`,
          'choose another --name, or --force to keep it beside the new one',
        );
      setAside = keepAside(this.manifest, timeStamp());
    }
    this.setAside = setAside;
    this.earlierStart = recordingStart(this.runDir);
    makeDirs(this.dir);
    writeFileSync(this.manifest, text);
  }

  /** A recording refused before it started leaves nothing behind: no manifest without a result. */
  undo(): void {
    rmSync(this.manifest, { force: true });
    if (this.setAside) renameSync(this.setAside, this.manifest);
    if (this.created) rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * After the run: whether run/ holds the new recording. One that did not complete leaves a
   * complete earlier one in place (its attempt goes beside it): the earlier manifest comes back.
   */
  settle(output: Output): boolean {
    const replaced = this.earlierStart === null || recordingStart(this.runDir) !== this.earlierStart;
    if (!replaced && this.setAside) {
      const attempt = keepAside(this.manifest, timeStamp(), 'attempt');
      renameSync(this.setAside, this.manifest);
      output.err(
        `damon-exp: the new recording did not complete: the earlier one stays in ${this.runDir} with its manifest (the attempt's: ${attempt})`,
      );
    }
    return replaced;
  }
}

/** When the recording in `runDir` started (its status.json), null when there is none to read. */
function recordingStart(runDir: string): string | null {
  try {
    const status = readRunJson<RunStatus>(runDir, RUN_FILES.status);
    return typeof status?.startedAt === 'string' ? status.startedAt : null;
  } catch {
    return null;
  }
}

/**
 * Creates OUT/record-DATE-TIME (or -2, -3, … when a recording of the same second holds it) and
 * returns its name. mkdir claims it, so two records started together never share a folder.
 */
export function claimRecordingFolder(out: string, now: Date): string {
  const base = `record-${timeStamp(now).replace('T', '-')}`;
  makeDirs(out);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(join(out, name));
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
