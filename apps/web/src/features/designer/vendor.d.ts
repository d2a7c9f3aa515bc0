// bpmn.io add-ons without their own typings: the designer only hands them to bpmn-js as modules.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export const ZeebePropertiesProviderModule: Record<string, unknown>;
}
declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: Record<string, unknown>;
}
declare module '@bpmn-io/element-template-chooser' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'bpmn-js-bpmnlint' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const schema: Record<string, unknown>;
  export default schema;
}
declare module 'bpmn-js-differ' {
  export function diff(before: unknown, after: unknown): {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<string, { attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
    _layoutChanged: Record<string, unknown>;
  };
}
declare module 'dmn-js/lib/Modeler' {
  interface View {
    type: string;
    element: { id: string; $type: string };
  }
  interface Viewer {
    get<T>(service: string): T;
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: Record<string, unknown> });
    importXML(xml: string, options?: { open?: boolean }): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getViews(): View[];
    getActiveView(): View | undefined;
    getActiveViewer(): Viewer | undefined;
    open(view: View): Promise<unknown>;
    on(event: string, callback: (event: unknown) => void): void;
    destroy(): void;
  }
}
