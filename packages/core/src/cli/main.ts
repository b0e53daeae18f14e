#!/usr/bin/env node
// The `aurig` command: a thin shim (argv → options → library call). Only this file sets exit codes.
import { AurigError } from '../errors/AurigError.ts';
import { findCommand, listCommands } from './registry.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`usage: aurig <command> [options]\n\ncommands:\n${(await listCommands()).map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = await findCommand(name);
  if (!command) {
    process.stderr.write(`aurig: unknown command '${name}'; run 'aurig --help' for the list\n`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof AurigError) {
      process.stderr.write(`aurig: ${e.code}: ${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`aurig: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    }
  },
);
