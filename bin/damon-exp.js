#!/usr/bin/env node
// The command, from its bundle (make build): one file loads in a third of the time of dist/'s
// modules. Without the bundle (tsc alone), from dist/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/damon-exp-cli.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
