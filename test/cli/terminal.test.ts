// What damon-exp prints to a terminal carries text of manifests and traces: its control characters
// are shown (\xNN), never obeyed, on a real terminal (util-linux's script gives the command one);
// our own colours stay colours.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/output.js';

const CLI = fileURLToPath(new URL('../../bin/damon-exp.js', import.meta.url));

/** The command run on a terminal, what the terminal was sent. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
    timeout: 30_000,
  });
  return result.stdout;
}

describe('printable', () => {
  it('shows C0 and C1 controls, a lone CR and DEL as \\xNN, and keeps newlines, tabs and colours', () => {
    expect(printable('a\u001b]0;pwned\u0007b')).toBe('a\\x1b]0;pwned\\x07b');
    expect(printable('x\u001b[2Jy\u009b31mz\u007f')).toBe('x\\x1b[2Jy\\x9b31mz\\x7f');
    expect(printable('over\rwrite\r\nline\ttab')).toBe('over\\x0dwrite\nline\ttab');
    expect(printable('\u001b[31mred\u001b[39m')).toBe('\u001b[31mred\u001b[39m');
  });
});

describe('on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-terminal-'));
  const manifest = join(dir, 'm.yaml');
  writeFileSync(
    manifest,
    [
      'name: term',
      'description: "retitled \\e]0;pwned\\a"',
      'workloads: {w: {command: "sleep 1"}}',
      'layout: {kind: one-target, workloads: [w]}',
      'matrix:',
      '  workloads.w.command: ["sleep 60\\e[2J", "sleep 61"]',
      '',
    ].join('\n'),
  );

  it('list and plan show a manifest\u2019s escapes instead of sending them', () => {
    const list = onTerminal(['list', manifest]);
    expect(list).toContain('workloads.w.command=sleep 60\\x1b[2J');
    expect(list).not.toContain('\u001b[2J');
    const plan = onTerminal(['plan', manifest, '--run', 'command-sleep_61']);
    expect(plan).not.toContain('\u001b]0;pwned');
    expect(plan).not.toMatch(/\u001b(?!\[[0-9;]*m)/);
  });

  it('an error quoting a manifest shows its escapes, in our colours', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'name: "x\\e]8;;http://evil\\e\\\\"\n');
    const error = onTerminal(['validate', join(dir, 'bad.yaml')]);
    expect(error).not.toMatch(/\u001b(?!\[[0-9;]*m)/);
    expect(error).toContain('name: "x\\u001b]8;;http://evil');
  });
});
