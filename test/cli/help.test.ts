import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main.js';
import { HELP_WIDTH, reflow, summarySentence, wrapUsage, wrapWords } from '../../src/cli/help.js';
import { captureOutput } from '../helpers/capture.js';

async function help(...argv: string[]): Promise<string> {
  const { output, result } = captureOutput();
  expect(await main(argv, output)).toBe(0);
  return result().stdout;
}

/** Lines longer than the help's width (examples included: they are kept whole, so written short). */
function overlong(text: string): string[] {
  return text.split('\n').filter((line) => [...line].length > HELP_WIDTH);
}

describe('--help', () => {
  it.each(COMMANDS.map((c) => c.name))('%s: every option with what it does, within the width', async (name) => {
    const text = await help(name, '--help');
    expect(text).toMatch(new RegExp(`^Usage: damon-exp ${name} `));
    expect(overlong(text)).toEqual([]);
    const command = await COMMANDS.find((c) => c.name === name)!.load();
    const section = text.slice(text.indexOf('\nOptions:\n'));
    const listed = [...section.matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]);
    const shown = Object.entries(command.options).filter(([, spec]) => !spec.internal);
    expect(listed).toEqual([
      ...shown.map(([option]) => option),
      ...(command.spellings?.input ? ['input'] : []),
      'help',
    ]);
    for (const [option, spec] of shown) {
      expect(spec.description.trim(), `--${option}`).not.toBe('');
      const entry = new RegExp(
        `^ {2}--${option}${spec.type === 'string' ? ` ${spec.value?.replace(/[|[\]]/g, '\\$&')}` : ''}\\s`,
        'm',
      );
      expect(section, `--${option}`).toMatch(entry);
    }
  });

  it('hides what only damon-exp itself passes (the qemu backend, Slurm tasks)', async () => {
    expect(await help('run', '--help')).not.toContain('--slurm-task');
    expect(await help('guest-run', '--help')).not.toContain('--no-perf-probe');
  });

  it("names damo's spelling beside each option it stands for", async () => {
    const text = await help('heats', '--help');
    expect(text).toMatch(/--address-range A,B[\s\S]*?damo: --address_range A B\)/);
    expect(text).toMatch(/--resol ROWSxCOLS[\s\S]*?damo: --resol ROWS COLS\)/);
    expect(text).toMatch(/--kdamond N[\s\S]*?damo: --kdamond_idx N\)/);
    expect(text).toMatch(
      /--colorset gray\|flame\|emotion[\s\S]*?damo:\s+--stdout_heatmap_color NAME, --ascii_color NAME,/,
    );
    expect(text).toMatch(/--output raw\|stdout\|FILE.svg[\s\S]*?damo:\s+--heatmap NAME\)/);
    expect(await help('wss', '--help')).toMatch(/--skip N[\s\S]*?damo:\s+--exclude_samples N\)/);
  });

  it('lists the commands within the width, and help COMMAND is COMMAND --help', async () => {
    const text = await help('--help');
    expect(overlong(text)).toEqual([]);
    for (const { name } of COMMANDS) expect(text).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(await help('help', 'wss')).toBe(await help('wss', '--help'));
  });
});

describe('summarySentence', () => {
  it("starts a sentence with a capital, but keeps a program's name as it is spelled", () => {
    expect(summarySentence('runs a manifest')).toBe('Runs a manifest.');
    expect(summarySentence("damo 3.3.0's report heatmap")).toBe("damo 3.3.0's report heatmap.");
    expect(summarySentence('damon-exp itself')).toBe('damon-exp itself.');
    expect(summarySentence('damonitor')).toBe('Damonitor.');
  });
});

describe('reflow', () => {
  it('fills plain paragraphs to the width, keeping every word in order', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const text = `${words.slice(0, 30).join(' ')}\n${words.slice(30).join('\n')}`;
    const lines = reflow(text, 40).split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(lines.join(' ').split(' ')).toEqual(words);
  });

  it('keeps paragraphs with indented lines (examples, manifest excerpts) as written', () => {
    const example = 'Examples:\n  damon-exp run experiments/sweep_layouts.yaml --executor slurm --jobs 8 --detach';
    expect(reflow(`one\ntwo\n\n${example}`, 40)).toBe(`one two\n\n${example}`);
  });

  it('puts a word longer than the width on a line of its own, never splitting it', () => {
    expect(wrapWords(['a', 'x'.repeat(12), 'b'], 10)).toEqual(['a', 'x'.repeat(12), 'b']);
  });
});

describe('wrapUsage', () => {
  it('breaks only between top-level words, continuing under the first option', () => {
    const usage =
      'damon-exp heats DIR|FILE [--guide] [--time-range A,B | --abs-time-range A,B] [--plot-ascii [--colorset gray|flame|emotion]]';
    const lines = wrapUsage(usage, 60).split('\n');
    expect(lines).toEqual([
      'Usage: damon-exp heats DIR|FILE [--guide]',
      '                       [--time-range A,B | --abs-time-range A,B]',
      '                       [--plot-ascii [--colorset gray|flame|emotion]]',
    ]);
  });

  it('keeps a quoted command whole', () => {
    expect(wrapUsage('damon-exp record (PID | --cmd "A COMMAND") [--duration 10s]', 30).split('\n')).toEqual([
      'Usage: damon-exp record',
      '                        (PID | --cmd "A COMMAND")',
      '                        [--duration 10s]',
    ]);
  });
});
