// bpmnlint and its Camunda plug-in ship CommonJS rule modules without typings.
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: unknown; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, { id?: string; message: string; category: string; path?: unknown }[]>>;
  }
}
declare module 'bpmnlint/rules/*' {
  const factory: (config?: unknown) => unknown;
  export default factory;
}
declare module 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/*' {
  const factory: (config?: unknown) => unknown;
  export default factory;
}
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: unknown): { valid: boolean; errors?: { message: string }[] };
}
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
