import { describe, expect, it } from 'vitest';
import { bundleFilesOf } from './bundleFiles';

const file = (name: string, text: string) => new File([text], name);

describe('bundleFilesOf', () => {
  it('takes the files of an exported bundle', async () => {
    const bundle = { format: 'gov-process-bundle/1', code: 'X', from: 'draft', exportedAt: '2026-11-27T00:00:00Z', files: { 'a.bpmn': '<x/>', 'f.form': '{}' } };
    expect(await bundleFilesOf([file('X-draft.json', JSON.stringify(bundle))])).toEqual({ files: { 'a.bpmn': '<x/>', 'f.form': '{}' } });
  });

  it('takes model files picked from processes/<code>/ by their names', async () => {
    expect(await bundleFilesOf([file('a.bpmn', '<x/>'), file('rules.dmn', '<d/>')])).toEqual({ files: { 'a.bpmn': '<x/>', 'rules.dmn': '<d/>' } });
  });

  it('names what cannot be imported instead of sending it', async () => {
    expect(await bundleFilesOf([file('item.json', '{"format": "other"}')])).toHaveProperty('error');
    expect(await bundleFilesOf([file('notes.txt', 'x')])).toEqual({ error: 'not .bpmn, .form or .dmn: notes.txt' });
    expect(await bundleFilesOf([file('broken.json', '{')])).toHaveProperty('error');
    expect(await bundleFilesOf([])).toEqual({ error: 'no file' });
  });
});
