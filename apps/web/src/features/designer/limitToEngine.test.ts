import { describe, expect, it } from 'vitest';
import { isUnsupportedEntry } from './limitToEngine';

describe('palette and menus limited to the engine', () => {
  it('hides constructs the engine rejects and keeps those it runs', () => {
    for (const id of ['create.participant-expanded', 'create.data-object', 'replace-with-complex-gateway', 'replace-with-transaction', 'replace-with-compensation-boundary', 'replace-with-conditional-intermediate-catch', 'toggle-loop']) {
      expect(isUnsupportedEntry(id), id).toBe(true);
    }
    for (const id of ['create.task', 'create.exclusive-gateway', 'replace-with-user-task', 'replace-with-message-intermediate-catch', 'replace-with-timer-boundary', 'toggle-parallel-mi', 'append.end-event']) {
      expect(isUnsupportedEntry(id), id).toBe(false);
    }
  });
});
