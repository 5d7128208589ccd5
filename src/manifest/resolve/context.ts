// What resolving reads besides the manifest (the files it names, the kernel it names) and how it
// reports a problem: at the manifest's data path, which load.ts turns into file:line:col.
import type { Diagnostic } from '../diagnostics.js';
import type { KernelProblem, KernelResolver } from '../kernels.js';
import { parseDuration, parseSize, UnitError } from '../../util/units.js';
import type { DataPath } from '../yaml-source.js';

export interface Problem {
  path: DataPath;
  /** The data the problem is about, when not at `path`. */
  subject?: DataPath;
  at?: 'value' | 'key';
  message: string;
  hint?: string;
}

export interface ResolveContext {
  manifestFile: string;
  /** The manifest's directory (absolute): workload binaries given as paths are relative to it. */
  manifestDir: string;
  sha256: string;
  /** Reads a masim config named by the manifest (path as written, relative to the manifest). */
  readMasimConfig(relativePath: string): { file: string; text: string } | { error: string; hint?: string };
  /** What is wrong with backend.kernel as written (KernelResolver.pathProblem), looked at once per spec. */
  kernelProblem(spec: string): KernelProblem | undefined;
  /** What is wrong with a backend.kernel to build from source. */
  kernelSourceProblem: KernelResolver['sourceProblem'];
  /** Which build of backend.kernel (a name, a path, or null for Debian's) a VM would boot (KernelResolver.build), looked at once per spec. */
  kernelBuild(spec: string | null): string | null;
  /** Problems in files the manifest names (masim configs), reported at their own file and line. */
  external: Diagnostic[];
  problems: Problem[];
}

export type Report = (path: DataPath, message: string, hint?: string, at?: 'value' | 'key') => void;
/** A duration in µs, or NaN after reporting why it is not one: NaN fails no further check. */
export type Duration = (text: string, path: DataPath) => number;
/** A size in bytes, or NaN after reporting why it is not one. */
export type Size = (value: number | string, path: DataPath) => number;

export function reporterOf(problems: Problem[]): Report {
  return (path, message, hint, at) => {
    problems.push({ path, message, ...(hint ? { hint } : {}), ...(at ? { at } : {}) });
  };
}

/** Readers of values in units that report what is wrong with them (wrong types are the schema's to report). */
export function unitReaders(report: Report): { duration: Duration; size: Size } {
  const inUnits = (parse: () => number, path: DataPath): number => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof UnitError) report(path, error.message);
      else if (!(error instanceof TypeError)) throw error;
      return Number.NaN;
    }
  };
  return {
    duration: (text, path) => inUnits(() => parseDuration(text), path),
    size: (value, path) => inUnits(() => parseSize(value), path),
  };
}
