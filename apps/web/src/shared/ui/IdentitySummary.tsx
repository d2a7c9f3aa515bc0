import type { Me } from '@gov/contracts';
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Who the user is, as the server reports it; the ID number arrives already masked. */
export function IdentitySummary({ me, column = 1 }: { me: Me; column?: number }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={column}
      size="small"
      items={[
        { key: 'name', label: t('user.username'), children: me.username },
        {
          key: 'roles',
          label: t('user.roles'),
          children: (
            <span data-testid="user-roles">
              {me.roles.map((role) => (
                <Tag key={role}>{t(`roles.${role}`)}</Tag>
              ))}
            </span>
          ),
        },
        { key: 'id', label: t('user.idNumber'), children: <span data-testid="user-id-number">{me.idNumberMasked ?? t('user.noIdNumber')}</span> },
        {
          key: 'departments',
          label: t('user.departments'),
          children: me.departments.length === 0 ? t('user.noDepartments') : me.departments.map((department) => department.name).join('、'),
        },
      ]}
    />
  );
}
