// damo's spellings of the options of `heats` and `wss`, taken as they are typed from memory:
// `--address_range A B` (two words), `--resol 20 40`, `--abs_time`, `--input FILE` / `-i FILE`,
// and so on. Each is rewritten to our spelling before the options are parsed.

export interface Spellings {
  /** damo's flag → ours (no value). */
  flags?: Record<string, string>;
  /** damo's option → ours, taking one value. */
  values?: Record<string, string>;
  /**
   * damo's option → ours, taking two values (or `words`) joined by `join` (a space keeps damo's
   * thousands separators apart from ours).
   */
  pairs?: Record<string, { option: string; join: string; words?: number }>;
  /** --input FILE and -i FILE name the trace (our positional). */
  input?: boolean;
}

/**
 * argv with damo's spellings rewritten to ours; everything else left as it is. `typed` learns, for
 * each of our options given in damo's spelling, the spelling typed (errors name what was typed).
 */
export function translateSpellings(
  argv: string[],
  spellings: Spellings,
  typed: Map<string, string> = new Map(),
): string[] {
  const out: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (spellings.input && (name === '--input' || name === '-i')) {
      const file = inline ?? argv[++i];
      if (file !== undefined) positionals.push(file);
      continue;
    }
    const flag = spellings.flags?.[name];
    if (flag && inline === undefined) {
      typed.set(flag, name);
      out.push(flag);
      continue;
    }
    const single = spellings.values?.[name];
    if (single) {
      typed.set(single, name);
      out.push(inline === undefined ? single : `${single}=${inline}`);
      continue;
    }
    const pair = spellings.pairs?.[name];
    if (pair) typed.set(pair.option, name);
    // The two-word form: '--resol 20x40' and '--resol=20x40' are ours already. A first word that
    // is not ours ('1e3' in '--resol 1e3 5') takes the second with it, so that the option's own
    // check names both rather than the second passing for a file.
    // Fewer plain words than a three-word form wants ('--range 0 101') are kept together too.
    if (pair && inline === undefined) {
      const wanted = pair.words ?? 2;
      const words = argv.slice(i + 1, i + 1 + wanted);
      const firstOther = words.findIndex((w) => !isPlainValue(w));
      const plain = firstOther === -1 ? words : words.slice(0, firstOther);
      const notOurs =
        words.length === wanted &&
        name === pair.option &&
        words.every((w) => !w.startsWith('-')) &&
        !isOurPair(words[0]!);
      const taken = plain.length === wanted || notOurs ? words : wanted > 2 && plain.length >= 2 ? plain : null;
      if (taken) {
        out.push(pair.option, taken.join(pair.join));
        i += taken.length;
        continue;
      }
    }
    if (pair && name !== pair.option) {
      out.push(inline === undefined ? pair.option : `${pair.option}=${inline}`);
      continue;
    }
    out.push(arg);
  }
  return [...out, ...positionals];
}

/**
 * A number, with thousands separators and a unit perhaps (1,048,576; 10G; 5s), or a hex address
 * (0x7f1c00000000): not an option, nor our 'AxB' or a file.
 */
function isPlainValue(word: string | undefined): boolean {
  return word !== undefined && (/^[0-9][0-9,.]*\s*[A-Za-z]*$/.test(word) || /^0x[0-9a-f]+$/i.test(word));
}

/** Our one-word form of a pair: 'AxB' or 'A,B' (of hex addresses too: '0x10,0x20'). */
function isOurPair(word: string): boolean {
  return /^[^,\s]+,[^,\s]+$/.test(word) || /^[^x,]+x[^x,]+$/.test(word);
}
