/** One CLI sub-command: parses its own argv and calls the library. */
export interface CliCommand {
  readonly name: string;
  /** One line, e.g. `aurig detect <image|video> [--json] [--overlay out.png]`. */
  readonly usage: string;
  readonly summary: string;
  /** Returns the process exit code; throws AurigError for bad input. */
  run(argv: string[]): Promise<number>;
}

type CommandModule = { readonly commands: readonly CliCommand[] };

// core's own commands, and packages that add commands when installed. core never imports them
// statically (core must not depend on other aurig packages); a missing one is simply absent.
const CORE_MODULES = ['./commands/index.ts'];
const PLUGIN_PACKAGES = ['@aurig/generator/cli', '@aurig/retarget/cli'];

let loaded: Promise<CliCommand[]> | undefined;

async function loadAll(): Promise<CliCommand[]> {
  const out: CliCommand[] = [];
  for (const spec of [...CORE_MODULES, ...PLUGIN_PACKAGES]) {
    try {
      const mod = (await import(spec)) as CommandModule;
      out.push(...mod.commands);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
    }
  }
  return out;
}

export async function listCommands(): Promise<CliCommand[]> {
  loaded ??= loadAll();
  return loaded;
}

export async function findCommand(name: string): Promise<CliCommand | undefined> {
  return (await listCommands()).find((c) => c.name === name);
}
