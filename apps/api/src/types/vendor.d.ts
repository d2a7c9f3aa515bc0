// Packages without their own typings.
declare module '@bpmn-io/element-templates-validator' {
  /** Checks a Camunda 8 element template against Camunda's Zeebe element-template JSON schema. */
  export function validateZeebe(template: unknown): { valid: boolean; errors?: { message: string }[] };
}
