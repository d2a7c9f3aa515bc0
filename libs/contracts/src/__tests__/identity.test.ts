import { describe, expect, it } from 'vitest';
import { areasFor } from '../identity.js';

describe('areas by role', () => {
  it('gives a citizen only the portal', () => {
    expect(areasFor(['citizen', 'default-roles-gov'])).toEqual(['portal']);
  });

  it('gives a department admin the inbox, admin and analytics areas', () => {
    expect(areasFor(['dept-admin'])).toEqual(['inbox', 'admin', 'analytics']);
  });

  it('gives nobody an area for roles outside the realm model', () => {
    expect(areasFor(['offline_access'])).toEqual([]);
  });
});
