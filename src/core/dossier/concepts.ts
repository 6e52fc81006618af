/**
 * The catalogue of figures a report can state (domain.md §2 "Stated figures").
 *
 * A published report states the same concept in several places (narrative, 附件1, 附件2), sometimes
 * with different values. Each statement in a dossier names one of these concepts, so the auditor
 * can
 * compare what was said with what follows from the data. The registry itself lives in
 * src/core/concepts/ (keys.ts: the typed keys and builders; registry.ts: definitions and readers).
 */
export * from '../concepts/index.ts';
