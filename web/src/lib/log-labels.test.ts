import { describe, expect, it } from 'vitest';
import { unreadableText } from './readable.ts';
import { logActionLabel, logDetailText } from './log-labels.ts';

describe('log labels', () => {
  it('names actions in Chinese and unknown ones generically, never by their code', () => {
    expect(logActionLabel('dossier.submit.override')).toBe('管理员强制提交');
    expect(logActionLabel('user.disable')).toBe('停用用户');
    expect(logActionLabel('something.new')).toBe('其他操作');
  });
  it('describes details in words a page-text scan accepts', () => {
    const text = logDetailText({
      action: 'dossier.submit.override',
      dossierId: 7,
      detail: { reason: '先行报送', errors: 3 },
    });
    expect(text).toBe('档案 7；理由：先行报送；错误级问题 3 个');
    expect(unreadableText(text)).toEqual([]);
    expect(
      logDetailText({ action: 'x', dossierId: null, detail: { target: { kind: 'row' } } }),
    ).toBe('—');
  });
});
