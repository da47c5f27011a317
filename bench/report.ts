import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

/** One measured figure, with the target it is held to (if any). */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. '≥ 3000' or '≤ 5'. */
  readonly target?: string;
  readonly ok?: boolean;
  readonly note?: string;
}

/** A group of figures; other issues add their own sections (see runBenchmarks in run.ts). */
export interface BenchSection {
  readonly title: string;
  readonly figures: readonly BenchFigure[];
}

export function machineDescription(postgresVersion: string): string[] {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${platform()} ${release()}`,
    `- Node.js: ${process.version}`,
    `- PostgreSQL: ${postgresVersion} (same machine)`,
    `- Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min; the machine is shared)`,
  ];
}

function formatValue(value: number): string {
  if (Number.isInteger(value) && value < 100) return String(value);
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

export function renderReport(sections: readonly BenchSection[], machine: readonly string[], command: string, at: Date): string {
  const lines = [
    '# Benchmarks',
    '',
    `Measured ${at.toISOString()} with \`${command}\` (writes this file).`,
    '',
    '## Machine',
    '',
    ...machine,
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', '| figure | value | target | |', '| --- | ---: | --- | --- |');
    for (const f of section.figures) {
      const verdict = f.ok === undefined ? '' : f.ok ? 'met' : '**missed**';
      lines.push(`| ${f.name} | ${formatValue(f.value)} ${f.unit} | ${f.target ?? ''} | ${verdict} |`);
    }
    const notes = section.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
    lines.push('', ...(notes.length > 0 ? [...notes, ''] : []));
  }
  return lines.join('\n');
}

export function writeReport(path: string, text: string): void {
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

export function printSection(section: BenchSection): void {
  process.stdout.write(`\n${section.title}\n`);
  for (const f of section.figures) {
    const verdict = f.ok === undefined ? '' : f.ok ? '  ok' : '  MISSED';
    process.stdout.write(`  ${f.name}: ${formatValue(f.value)} ${f.unit}${f.target ? ` (target ${f.target})` : ''}${verdict}\n`);
    if (f.note) process.stdout.write(`      ${f.note}\n`);
  }
}
