import { describe, expect, it } from 'vitest';
import { unreadableText } from './readable.ts';

describe('page text scan', () => {
  it('flags paths, rule codes and English messages', () => {
    expect(unreadableText('indicators[14].weight：应为数字')).toHaveLength(2);
    expect(unreadableText('（threePublic.vehiclePurchase+vehicleOperation.actual）')[0]).toMatch(
      /^dossier path/,
    );
    expect(unreadableText('审核发现 ARITH-BASIC-SUM')[0]).toMatch(/^rule code/);
    expect(unreadableText('Unexpected token at line 3')[0]).toMatch(/^English/);
  });
  it('passes Chinese text with file types and figures', () => {
    expect(unreadableText('下载 Word 报告（.docx） 预算执行率 97.53% 第 2 版 PDF 报告')).toEqual(
      [],
    );
  });
});
