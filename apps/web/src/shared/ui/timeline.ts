/** The colour of a case event in a timeline (portal and inbox alike): bad ends red, corrections orange, results green. */
export function timelineColour(kind: string): 'red' | 'orange' | 'green' | 'blue' {
  if (kind === 'rejected' || kind === 'withdrawn') return 'red';
  if (kind === 'correction-requested') return 'orange';
  if (kind === 'approved' || kind === 'partially-approved') return 'green';
  return 'blue';
}
