#!/usr/bin/env node
// The command, from its bundle (make build, split per command): it loads in a third of the time of dist/'s
// modules. Without the bundle (tsc alone), from dist/. --version needs neither.
import { existsSync, readFileSync } from 'node:fs';

const [first] = process.argv.slice(2);
if (process.argv.length === 3 && (first === '--version' || first === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const bundle = new URL('../dist/cli-bundle/main.mjs', import.meta.url);
  const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
