import { describe, expect, it } from 'vitest';
import { timelineColour } from './timeline';

describe('timelineColour', () => {
  it('colours bad ends red, corrections orange, results green and the rest blue', () => {
    expect(['rejected', 'withdrawn', 'correction-requested', 'approved', 'partially-approved', 'submitted'].map(timelineColour))
      .toEqual(['red', 'red', 'orange', 'green', 'green', 'blue']);
  });
});
