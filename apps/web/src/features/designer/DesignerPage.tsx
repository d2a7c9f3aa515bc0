import { AreaPage } from '../../shared/ui/AreaPage';

/** Process designers' area; BPMN and form editors arrive with the designer feature. Designers work city-wide, so no department is shown. */
export function DesignerPage() {
  return <AreaPage area="designer" />;
}
