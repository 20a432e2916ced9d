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

  it('says when "Evaluate now" may run again, as a wait (not an error), and a failure as one', () => {
    const wait = AlertsNotice({ notice: 'evaluate-wait', wait: '20' })!;
    expect(wait.props).toMatchObject({ role: 'status' });
    expect(wait.props.className).toContain('bg-amber-50');
    expect(JSON.stringify(wait.props.children)).toContain(
      'Not evaluated: alerts were evaluated for your partner tenant less than 30 seconds ago. Evaluate again in 20 s.',
    );
    const failed = AlertsNotice({ notice: 'evaluate-failed' })!;
    expect(failed.props).toMatchObject({ role: 'alert' });
    expect(JSON.stringify(failed.props.children)).toContain('Alerts could not be evaluated');
  });
});
