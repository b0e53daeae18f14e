import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** One measured figure: its value, unit, and the target the issue sets (if any). */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  /** e.g. '<= 30' or '>= 0.85'; absent when the figure has no target. */
  readonly target?: string;
}

export interface SectionResult {
  readonly figures: Record<string, Figure>;
  /** Anything else worth keeping in the JSON (per-item rows, settings). */
  readonly details?: unknown;
}

export interface Section {
  readonly name: string;
  run(): Promise<SectionResult>;
}

function meets(f: Figure): boolean | undefined {
  const m = /^(<=|>=|<|>)\s*(-?[\d.e+-]+)$/.exec(f.target ?? '');
  if (!m) return undefined;
  const t = Number(m[2]);
  return m[1] === '<=' ? f.value <= t : m[1] === '>=' ? f.value >= t : m[1] === '<' ? f.value < t : f.value > t;
}

/**
 * Run every section in `dir` (its *.ts files in name order; only those whose file name contains
 * one of `only`, when given) and return one report; prints a table to stderr.
 */
export async function runSectionDir(dir: string, only: readonly string[]) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
  return runSections(files.map((f) => pathToFileURL(path.join(dir, f)).href));
}

/** Import each section module, run it, and return one report; prints a table to stderr. */
async function runSections(urls: string[]) {
  const sections: Record<string, SectionResult | { error: string }> = {};
  for (const url of urls) {
    const mod = (await import(url)) as Section;
    const t0 = performance.now();
    try {
      sections[mod.name] = await mod.run();
    } catch (e) {
      sections[mod.name] = { error: (e as Error).stack ?? String(e) };
    }
    process.stderr.write(`[${mod.name}] ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const rows: string[] = [];
  for (const [name, r] of Object.entries(sections)) {
    if ('error' in r) { rows.push(`${name.padEnd(44)} ERROR ${r.error.split('\n')[0]}`); continue; }
    for (const [k, f] of Object.entries(r.figures)) {
      const ok = meets(f);
      rows.push(`${`${name}.${k}`.padEnd(44)} ${f.value.toFixed(4).padStart(12)} ${f.unit.padEnd(8)} ${(f.target ?? '').padEnd(10)} ${ok === undefined ? '' : ok ? 'ok' : 'MISS'}`);
    }
  }
  process.stderr.write(rows.join('\n') + '\n');
  return { node: process.version, cpu: os.cpus()[0]?.model, date: new Date().toISOString(), sections };
}
