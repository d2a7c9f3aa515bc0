// What changed between two saved revisions of a model: elements added, removed, changed (with the
// changed properties) or only moved, computed with bpmn-js-differ on both models read by bpmn-moddle.
import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

export interface ModelDiff {
  added: string[];
  removed: string[];
  changed: { elementId: string; property: string; before: string; after: string }[];
  moved: string[];
}

/** A property value as a line of text (moddle elements by type and id, lists by their items). */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object') {
    const type = '$type' in value && typeof value.$type === 'string' ? value.$type : 'object';
    const id = 'id' in value && typeof value.id === 'string' ? `#${value.id}` : '';
    return `${type}${id}`;
  }
  return typeof value;
}

/** Ids of every flow element (and artifact) of the model's processes and their subprocesses. */
function elementIds(definitions: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (element: unknown) => {
    if (typeof element !== 'object' || element === null) return;
    if ('id' in element && typeof element.id === 'string' && '$type' in element && element.$type !== 'bpmn:Definitions') ids.add(element.id);
    for (const key of ['rootElements', 'flowElements', 'artifacts']) {
      const children: unknown = Reflect.get(element, key);
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  visit(definitions);
  return ids;
}

async function read(xml: string): Promise<unknown> {
  return (await new BpmnModdle({ zeebe: zeebeModdle }).fromXML(xml, 'bpmn:Definitions')).rootElement;
}

export async function modelDiff(beforeXml: string, afterXml: string): Promise<ModelDiff> {
  const before = await read(beforeXml);
  const after = await read(afterXml);
  // Added and removed by id (the differ's array diff can pair a removed element with an added one);
  // read before diffing, which walks the models.
  const beforeIds = elementIds(before);
  const afterIds = elementIds(after);
  const result = diff(before, after);
  const added = [...afterIds].filter((id) => !beforeIds.has(id));
  const removed = [...beforeIds].filter((id) => !afterIds.has(id));
  const changed = Object.entries(result._changed).filter(([elementId]) => afterIds.has(elementId) && beforeIds.has(elementId)).flatMap(([elementId, change]) =>
    Object.entries(change.attrs).map(([property, { oldValue, newValue }]) => ({
      // bpmn-js-differ 3 hands the pair over the other way round (its oldValue is the second model's);
      // the unit test pins the direction.
      elementId, property, before: describe(newValue), after: describe(oldValue),
    })));
  const moved = Object.keys(result._layoutChanged).filter((id) => !(id in result._changed) && beforeIds.has(id) && afterIds.has(id));
  return { added, removed, changed, moved };
}
