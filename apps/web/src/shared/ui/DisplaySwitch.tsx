import { BgColorsOutlined, FontSizeOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDisplayPrefs } from '../display/useDisplayPrefs';

/** Toggle buttons for large text (大字) and high contrast (高对比度); their state is announced via aria-pressed. */
export function DisplaySwitch({ ghost = false }: { ghost?: boolean }) {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useDisplayPrefs();
  return (
    <>
      <Button
        data-testid="large-text-switch"
        ghost={ghost}
        aria-pressed={prefs.largeText}
        icon={<FontSizeOutlined aria-hidden />}
        onClick={() => setPrefs({ ...prefs, largeText: !prefs.largeText })}
      >
        {t('display.largeText')}
      </Button>
      <Button
        data-testid="high-contrast-switch"
        ghost={ghost}
        aria-pressed={prefs.highContrast}
        icon={<BgColorsOutlined aria-hidden />}
        onClick={() => setPrefs({ ...prefs, highContrast: !prefs.highContrast })}
      >
        {t('display.highContrast')}
      </Button>
    </>
  );
}
