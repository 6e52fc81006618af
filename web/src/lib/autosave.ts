/**
 * Autosave state machine (pure, so it is unit-tested): edits mark the form dirty; a debounced save
 * sends { version, dossier }; a stale version is a conflict that keeps BOTH versions until the user
 * chooses; an invalid form is not sent (the panel lists its errors) but kept locally.
 */
export type SaveStatus =
  | { kind: 'saved'; version: number }
  | { kind: 'dirty'; version: number }
  | { kind: 'invalid'; version: number; errors: number }
  | { kind: 'saving'; version: number }
  | {
      kind: 'conflict';
      version: number;
      theirs: { version: number; dossier: unknown; updatedBy?: string | null; updatedAt?: string };
    }
  | { kind: 'error'; version: number; message: string };

export type SaveEvent =
  | { type: 'edit'; valid: boolean; errors: number }
  | { type: 'start' }
  | { type: 'ok'; version: number; stillDirty: boolean }
  | {
      type: 'conflict';
      theirs: { version: number; dossier: unknown; updatedBy?: string | null; updatedAt?: string };
    }
  | { type: 'fail'; message: string }
  | { type: 'resolved'; version: number; dirty: boolean };

export function nextStatus(s: SaveStatus, e: SaveEvent): SaveStatus {
  switch (e.type) {
    case 'edit':
      if (s.kind === 'conflict') return s; // keep the conflict open: edits continue on "yours"
      // The same state again is the same object: a keystroke while dirty draws nothing more.
      if (e.valid ? s.kind === 'dirty' : s.kind === 'invalid' && s.errors === e.errors) return s;
      return e.valid
        ? { kind: 'dirty', version: s.version }
        : { kind: 'invalid', version: s.version, errors: e.errors };
    case 'start':
      return { kind: 'saving', version: s.version };
    case 'ok':
      return e.stillDirty
        ? { kind: 'dirty', version: e.version }
        : { kind: 'saved', version: e.version };
    case 'conflict':
      return { kind: 'conflict', version: s.version, theirs: e.theirs };
    case 'fail':
      return { kind: 'error', version: s.version, message: e.message };
    case 'resolved':
      return e.dirty
        ? { kind: 'dirty', version: e.version }
        : { kind: 'saved', version: e.version };
  }
}

export function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case 'saved':
      return `已保存（第 ${s.version} 版）`;
    case 'dirty':
      return '有未保存的修改…';
    case 'invalid':
      return `有 ${s.errors} 处输入错误，修正后自动保存（修改已暂存在本机）`;
    case 'saving':
      return '正在保存…';
    case 'conflict':
      return '保存冲突：他人已修改，请选择保留哪一版';
    case 'error':
      return `保存失败：${s.message}`;
  }
}

/**
 * Whether a debounced save should run now (a failed save is retried on the next edit or by the
 * user).
 */
export const shouldSave = (s: SaveStatus): boolean => s.kind === 'dirty';
