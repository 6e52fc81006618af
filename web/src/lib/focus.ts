/** Which editor tab holds a dossier path, and focusing the input of a path. */
import { fieldId } from './form.ts';

export type SectionKey =
  | 'basic'
  | 'money'
  | 'threePublic'
  | 'projects'
  | 'indicators'
  | 'narrative';

export const SECTION_LABELS: Record<SectionKey, string> = {
  basic: '基本情况',
  money: '收入与支出',
  threePublic: '“三公”与公用经费',
  projects: '项目',
  indicators: '绩效指标',
  narrative: '文字说明',
};

export function sectionOf(path: string): SectionKey {
  if (/^indicators\b/.test(path)) return 'indicators';
  if (/^expenditure\.projects\b/.test(path)) return 'projects';
  if (/^(income|expenditure|assets)\b/.test(path)) return 'money';
  if (/^(threePublic|controls)\b/.test(path)) return 'threePublic';
  if (/^narrative\b/.test(path)) return 'narrative';
  return 'basic';
}

/** The event a windowed grid listens to: mount the row holding a path (detail: the path). */
export const REVEAL_EVENT = 'jixiao:reveal';

/** Asks a windowed grid to scroll to and mount the row of `path` (synchronously). */
export function revealField(path: string): void {
  window.dispatchEvent(new CustomEvent(REVEAL_EVENT, { detail: path }));
}

/**
 * Focus the input for `path`, or the first input under it ("income.general" → its first column).
 */
export function focusField(path: string): boolean {
  revealField(path);
  const id = fieldId(path);
  const el =
    document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}"]`);
  if (!el) return false;
  el.scrollIntoView({ block: 'center' });
  el.focus();
  const box = el.closest('td, .ant-form-item, .field') ?? el;
  box.classList.add('flash');
  setTimeout(() => box.classList.remove('flash'), 1600);
  return true;
}
