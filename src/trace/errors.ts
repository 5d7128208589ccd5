import { DamonExpError } from '../util/errors.js';

/** The trace cannot be read: no such file, not a regular file, perf missing or failing. */
export class SourceError extends DamonExpError {}

/** The trace was read but holds nothing to analyse (no DAMON events, absurd content). */
export class TraceError extends DamonExpError {}
