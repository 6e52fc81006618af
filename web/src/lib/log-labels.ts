/** The audit log as a person reads it: each action by its Chinese name, details in words. */
import type { LogEntry } from '../api.ts';

const ACTIONS: Record<string, string> = {
  'dossier.create': '创建档案',
  'dossier.save': '保存档案',
  'dossier.conflict': '保存冲突（已记录未保存的内容）',
  'dossier.restore': '恢复历史版本',
  'dossier.submit': '提交审核',
  'dossier.submit.override': '管理员强制提交',
  'dossier.return': '退回修改',
  'dossier.approve': '审核通过',
  'dossier.publish': '公开发布',
  'dossier.unpublish': '撤回发布',
  'dossier.fixture': '导入示例档案',
  'comment.add': '发表审核意见',
  'user.create': '新建用户',
  'user.password': '修改本人密码',
  'user.password.reset': '重置用户密码',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'unit.create': '新建单位',
  'region.create': '新建地区',
  'export.csv': '导出 CSV',
  'export.xlsx': '导出 Excel',
  'report.docx': '下载 Word 报告',
  'report.xlsx': '下载 Excel 附件表',
  'report.pdf': '下载 PDF 报告',
  'report.html': '预览报告',
  import: '导入报告',
};

export const logActionLabel = (action: string): string => ACTIONS[action] ?? '其他操作';

/** A short Chinese description of an entry's detail; never raw JSON or a field path. */
export function logDetailText(e: Pick<LogEntry, 'action' | 'detail' | 'dossierId'>): string {
  const d = (e.detail && typeof e.detail === 'object' ? e.detail : {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (e.dossierId != null) parts.push(`档案 ${e.dossierId}`);
  if (typeof d.username === 'string') parts.push(`用户 ${d.username}`);
  if (typeof d.name === 'string') parts.push(String(d.name));
  if (typeof d.version === 'number') parts.push(`第 ${d.version} 版`);
  if (typeof d.restored === 'number') parts.push(`恢复自第 ${d.restored} 版`);
  if (typeof d.reason === 'string') parts.push(`理由：${d.reason}`);
  if (typeof d.errors === 'number') parts.push(`错误级问题 ${d.errors} 个`);
  if (typeof d.comment === 'string' && d.comment) parts.push(`意见：${d.comment}`);
  if (typeof d.count === 'number') parts.push(`${d.count} 份`);
  return parts.join('；') || '—';
}
