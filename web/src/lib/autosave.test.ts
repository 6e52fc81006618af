import { describe, expect, it } from 'vitest';
import { nextStatus, shouldSave, statusText, type SaveStatus } from './autosave.ts';

describe('autosave state machine', () => {
  const saved: SaveStatus = { kind: 'saved', version: 3 };
  it('saves valid edits and bumps the version', () => {
    const dirty = nextStatus(saved, { type: 'edit', valid: true, errors: 0 });
    expect(shouldSave(dirty)).toBe(true);
    const saving = nextStatus(dirty, { type: 'start' });
    expect(shouldSave(saving)).toBe(false);
    expect(nextStatus(saving, { type: 'ok', version: 4, stillDirty: false })).toEqual({
      kind: 'saved',
      version: 4,
    });
    // an edit typed while the request was in flight stays dirty, on the new version
    expect(nextStatus(saving, { type: 'ok', version: 4, stillDirty: true })).toEqual({
      kind: 'dirty',
      version: 4,
    });
  });
  it('does not send invalid forms', () => {
    const s = nextStatus(saved, { type: 'edit', valid: false, errors: 2 });
    expect(s).toEqual({ kind: 'invalid', version: 3, errors: 2 });
    expect(shouldSave(s)).toBe(false);
    expect(statusText(s)).toContain('2 处');
  });
  it('keeps a conflict open until resolved, whatever is typed meanwhile', () => {
    const theirs = { version: 5, dossier: { year: 2023 } };
    const c = nextStatus({ kind: 'saving', version: 3 }, { type: 'conflict', theirs });
    expect(c).toEqual({ kind: 'conflict', version: 3, theirs });
    expect(nextStatus(c, { type: 'edit', valid: true, errors: 0 })).toBe(c);
    expect(shouldSave(c)).toBe(false);
    expect(nextStatus(c, { type: 'resolved', version: 5, dirty: true })).toEqual({
      kind: 'dirty',
      version: 5,
    });
    expect(nextStatus(c, { type: 'resolved', version: 5, dirty: false })).toEqual({
      kind: 'saved',
      version: 5,
    });
  });
  it('answers an edit that changes nothing with the same state (no redraw per keystroke)', () => {
    const dirty: SaveStatus = { kind: 'dirty', version: 7 };
    expect(nextStatus(dirty, { type: 'edit', valid: true, errors: 0 })).toBe(dirty);
    const invalid: SaveStatus = { kind: 'invalid', version: 7, errors: 3 };
    expect(nextStatus(invalid, { type: 'edit', valid: false, errors: 3 })).toBe(invalid);
    expect(nextStatus(invalid, { type: 'edit', valid: false, errors: 4 })).toEqual({
      kind: 'invalid',
      version: 7,
      errors: 4,
    });
    expect(nextStatus(invalid, { type: 'edit', valid: true, errors: 0 })).toEqual({
      kind: 'dirty',
      version: 7,
    });
  });
  it('does not hammer the server after a failure; the next edit retries', () => {
    const failed = nextStatus(saved, { type: 'fail', message: 'x' });
    expect(shouldSave(failed)).toBe(false);
    expect(shouldSave(nextStatus(failed, { type: 'edit', valid: true, errors: 0 }))).toBe(true);
  });
});
