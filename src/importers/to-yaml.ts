/**
 * The imported dossier as a YAML file: keys in the order of the dossier format, a header saying
 * where it came from.
 */
import { stringify } from 'yaml';
import type { ImportReport } from './extract/index.ts';

const ORDER = [
  'format',
  'year',
  'ruleset',
  'unit',
  'income',
  'expenditure',
  'threePublic',
  'controls',
  'assets',
  'goal',
  'indicators',
  'narrative',
  'filing',
  'statements',
  'provenance',
];

export function dossierYaml(report: ImportReport, source: string): string {
  const data = report.data;
  const ordered: Record<string, unknown> = { format: 'jixiao/dossier@1' };
  for (const k of ORDER) if (data[k] !== undefined) ordered[k] = data[k];
  for (const k of Object.keys(data)) if (!(k in ordered)) ordered[k] = data[k];
  const header = [
    `# Imported by \`jixiao import\` from ${source}.`,
    `# ${report.found.length} values and ${report.statements} statements read; ` +
      "every value's place is under provenance.",
    ...(report.uncertain.length
      ? [
          `# ${report.uncertain.length} values to confirm (confidence < 0.8): ` +
            report.uncertain.map((u) => u.path).join(', '),
        ]
      : []),
    ...(report.missing.length ? [`# Not found in the source: ${report.missing.join(', ')}`] : []),
  ];
  return `${header.join('\n')}\n${stringify(ordered, { lineWidth: 0 })}`;
}
