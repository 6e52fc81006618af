import { describe, expect, it } from 'vitest';
import { html } from './html.ts';

describe('html', () => {
  it('escapes interpolated values but not the template', () => {
    expect(html`${'<b>单位</b>'}<br />得分 ${97.5}`).toBe('&lt;b&gt;单位&lt;/b&gt;<br />得分 97.5');
  });
});
