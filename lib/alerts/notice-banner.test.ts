import { describe, expect, it } from 'vitest';
import { AlertsNotice } from '@/components/alerts/notice-banner';

describe('the alerts page notice', () => {
  // `/settings/alerts?notice=constructor`: the page's schema lets any lower-case word through.
  it.each(['constructor', '__proto__', 'tostring'])(
    'shows nothing for the unknown notice %s instead of failing the page',
    (notice) => {
      expect(AlertsNotice({ notice })).toBeNull();
    },
  );
});
