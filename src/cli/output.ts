// Where output goes and how it looks: results on stdout, diagnostics on stderr, colour only for a
// terminal and never with NO_COLOR.
import { DamonExpError, fileError, isOsError } from '../util/errors.js';
import { formatDiagnostic, InputError, sortDiagnostics, type Diagnostic } from '../manifest/diagnostics.js';

/** A bad command line: exit status 2, and where to read the command's help. */
export class UsageError extends DamonExpError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A failure the user can act on: no stack trace, a hint, exit status 1. */
export class UserError extends DamonExpError {}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

let quietOnClosedPipe = false;

export function processOutput(): Output {
  if (!quietOnClosedPipe) {
    quietOnClosedPipe = true;
    // `damon-exp wss DIR | head`: a reader that stops early is no error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  // Text of a manifest or a trace reaches these lines: on a terminal, its control characters are
  // shown, never obeyed (an OSC sequence could retitle the terminal or fake a link, \r overwrite).
  const line = (text: string, terminal: boolean) => {
    const shown = terminal ? printable(text) : text;
    return shown.endsWith('\n') ? shown : `${shown}\n`;
  };
  return {
    out: (text) => process.stdout.write(line(text, process.stdout.isTTY === true)),
    err: (text) => process.stderr.write(line(text, process.stderr.isTTY === true)),
    color: !noColor && (forced || process.stderr.isTTY === true),
  };
}

/**
 * Text as a terminal should show it: C0 and C1 control characters (ESC, BEL, backspace, a lone
 * CR, 0x80-0x9f) as \xNN, but for newlines, tabs and the colour sequences (SGR: ESC [ … m) that
 * our own output paints with.
 */
export function printable(text: string): string {
  return (
    text
      .replace(/\r\n/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (match) =>
        match.length > 1 ? match : `\\x${match.charCodeAt(0).toString(16).padStart(2, '0')}`,
      )
  );
}

const codes = { bold: [1, 22], red: [31, 39], yellow: [33, 39], dim: [2, 22], green: [32, 39] } as const;

export function paint(output: Output, style: keyof typeof codes, text: string): string {
  if (!output.color) return text;
  const [open, close] = codes[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

export function printDiagnostics(output: Output, diagnostics: Diagnostic[]): void {
  for (const d of sortDiagnostics(diagnostics)) {
    const text = formatDiagnostic(d);
    if (!output.color) {
      output.err(text);
      continue;
    }
    const [head, ...rest] = text.split('\n');
    const colon = head!.indexOf(': ');
    output.err(
      [
        `${paint(output, 'bold', head!.slice(0, colon + 1))}${paint(output, 'red', head!.slice(colon + 1))}`,
        ...rest.map((line) => paint(output, 'dim', line)),
      ].join('\n'),
    );
  }
}

/**
 * How an error that reached the top is told: exit status 2 for a bad command line, 1 for anything a
 * user can act on, 70 for a bug.
 */
export function reportError(error: unknown, output: Output): number {
  if (error instanceof InputError) {
    printDiagnostics(output, error.diagnostics);
    return 1;
  }
  if (error instanceof UsageError) {
    output.err(`${paint(output, 'red', 'damon-exp:')} ${error.message}`);
    output.err(`  see 'damon-exp ${error.command ? `${error.command} ` : ''}--help'`);
    return 2;
  }
  const known = error instanceof DamonExpError ? error : isOsError(error) ? fileError(error) : null;
  if (known) {
    output.err(`${paint(output, 'red', 'damon-exp:')} ${known.message}`);
    if (known.hint) output.err(`  hint: ${known.hint}`);
    return 1;
  }
  output.err('damon-exp: internal error; this is a bug, please report it with the output below');
  output.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 70;
}
