// The designer's bpmn-js modeler: Zeebe properties panel, the platform's element templates with
// Camunda's chooser, live lint with the platform's rule set, and menus limited to what the engine runs.
// The bpmn.io watermark stays, as its licence requires.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import { ELEMENT_TEMPLATES } from '@gov/contracts';
import { LINTER_CONFIG, TEMPLATE_FILES } from '@gov/process-lint';
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import zeebeBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { limitToEngineModule } from './limitToEngine';

export const TEMPLATES = [...Object.values(TEMPLATE_FILES), ...ELEMENT_TEMPLATES];

export function createModeler(canvas: HTMLElement, panel: HTMLElement): Modeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, zeebeBehaviors,
      CloudElementTemplatesPropertiesProviderModule, ElementTemplateChooserModule, lintModule, limitToEngineModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
    elementTemplates: TEMPLATES,
    linting: { bpmnlint: LINTER_CONFIG, active: true },
  });
}

/** What the lint plug-in reports: issues per element id. */
export type LintIssues = Record<string, { id: string; message: string; category: string; rule?: string }[]>;
