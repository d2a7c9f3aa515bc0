import { staffMemberSchema } from '@gov/contracts';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { z } from 'zod';
import { useApiClient } from '../../shared/api/ApiClientContext';

const membersSchema = z.array(staffMemberSchema);

/**
 * A colleague's username, picked from the staff who have signed in (GET /api/staff/colleagues, of
 * `department` when given) or typed. The API refuses anyone who is not a colleague of the step's
 * department, so a typo cannot leave a step with nobody.
 */
export function ColleagueInput({ id, value, onChange, department, testId, ariaLabel, ariaDescribedBy, placeholder, width }: {
  id?: string; value: string; onChange: (value: string) => void; department?: string | undefined; testId: string;
  ariaLabel?: string; ariaDescribedBy?: string; placeholder?: string; width?: number;
}) {
  const api = useApiClient();
  const members = useQuery({
    queryKey: ['staff-colleagues', department ?? null],
    queryFn: ({ signal }) => api.get(`/api/staff/colleagues${department ? `?department=${encodeURIComponent(department)}` : ''}`, membersSchema, { signal }),
    staleTime: 60_000,
  });
  const typed = value.trim().toLowerCase();
  const options = (members.data ?? [])
    .filter((m) => typed === '' || m.username.toLowerCase().includes(typed) || m.name.toLowerCase().includes(typed))
    .map((m) => ({ value: m.username, label: m.name === m.username ? m.username : `${m.name}（${m.username}）` }));
  return (
    <AutoComplete value={value} onChange={(next: string) => onChange(next)} options={options} style={width ? { width } : { width: '100%' }}>
      <Input id={id} aria-label={ariaLabel} aria-describedby={ariaDescribedBy} placeholder={placeholder} autoComplete="off" maxLength={100} data-testid={testId} />
    </AutoComplete>
  );
}
