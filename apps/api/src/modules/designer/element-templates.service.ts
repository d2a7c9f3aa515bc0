// The designer's element templates: the repository's files (libs/process-lint, libs/contracts) merged
// with those admins add; an admin template with a repository template's id replaces it.
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { Inject, Injectable } from '@nestjs/common';
import { ELEMENT_TEMPLATES, type ElementTemplateView } from '@gov/contracts';
import { TEMPLATE_FILES } from '@gov/process-lint';
import { ElementTemplateInvalidError, ElementTemplateNotFoundError } from './designer.errors.js';
import { ElementTemplatesRepository } from './element-templates.repository.js';

const asRecord = (value: object): Record<string, unknown> => Object.fromEntries(Object.entries(value));
const versionOf = (template: Record<string, unknown>) => (typeof template.version === 'number' ? template.version : null);
const nameOf = (template: Record<string, unknown>, fallback: string) => (typeof template.name === 'string' ? template.name : fallback);

@Injectable()
export class ElementTemplatesService {
  constructor(@Inject(ElementTemplatesRepository) private readonly repository: ElementTemplatesRepository) {}

  private repositoryTemplates(): Record<string, unknown>[] {
    return [...Object.values(TEMPLATE_FILES), ...ELEMENT_TEMPLATES].map(asRecord);
  }

  async list(): Promise<ElementTemplateView[]> {
    const stored = await this.repository.all();
    const replaced = new Set(stored.map((s) => s.id));
    const fromRepository = this.repositoryTemplates();
    const repositoryIds = new Set(fromRepository.map((t) => String(t.id)));
    return [
      ...fromRepository.filter((t) => !replaced.has(String(t.id))).map((t): ElementTemplateView => ({
        id: String(t.id), name: nameOf(t, String(t.id)), version: versionOf(t), source: 'repository', replacesRepository: false, updatedBy: null, updatedAt: null, template: t,
      })),
      ...stored.map((s): ElementTemplateView => ({
        id: s.id, name: nameOf(s.content, s.id), version: versionOf(s.content), source: 'admin', replacesRepository: repositoryIds.has(s.id),
        updatedBy: s.actorName, updatedAt: s.at.toISOString(), template: s.content,
      })),
    ];
  }

  /** Adds or replaces a template after checking it against Camunda's Zeebe element-template schema. */
  async save(id: string, template: Record<string, unknown>, actor: { id: string | null; name: string }, now: Date): Promise<ElementTemplateView[]> {
    if (template.id !== id) throw new ElementTemplateInvalidError(`The template's "id" must be ${id} (the address it is saved under).`, [{ path: 'id', message: `must be ${id}` }]);
    const result = validateZeebe(template);
    if (!result.valid) {
      const errors = (result.errors ?? []).map((e) => e.message);
      throw new ElementTemplateInvalidError(`The template is not a valid Camunda 8 element template: ${errors.join('; ')}`, errors.map((message) => ({ path: id, message })));
    }
    await this.repository.upsert(id, template, actor, now);
    return this.list();
  }

  async delete(id: string): Promise<ElementTemplateView[]> {
    if (!(await this.repository.delete(id))) throw new ElementTemplateNotFoundError(id);
    return this.list();
  }
}
