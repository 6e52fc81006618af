export * from './types.ts';
export {
  audit,
  auditDossier,
  scoreAndAudit,
  atLeast,
  countFindings,
  sortFindings,
  type FindingCounts,
} from './audit.ts';
export { CATALOGUE, ruleByCode } from './catalogue.ts';
export { parseStated, placeLabel } from './support.ts';
