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

  const tally = (over: Partial<Record<string, number>> = {}) => ({
    raised: 1,
    delivered: 0,
    failed: 0,
    owedDelivered: 0,
    owedFailed: 0,
    ...over,
  });
  const text = (n: ReturnType<typeof AlertsNotice>) => JSON.stringify(n!.props.children);

  it('never says alerts were sent when no target received them', () => {
    const unheard = AlertsNotice({ notice: 'evaluated', tally: tally() })!;
    expect(text(unheard)).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
      ),
    );
    expect(unheard.props.className).toContain('bg-amber-50');
    // Nobody to tell at all: the notice says so, and where to add one.
    const noTargets = AlertsNotice({ notice: 'evaluated', tally: tally(), hasTargets: false })!;
    expect(text(noTargets)).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but you had no alert targets: nobody was told. Add one below.',
      ),
    );
    const failed = AlertsNotice({ notice: 'evaluated', tally: tally({ failed: 1 }) })!;
    expect(text(failed)).toContain(
      'Conditions evaluated: 1 alert raised; 0 of 1 delivery to your targets arrived, 1 failed and will be retried.',
    );
    expect(failed.props.className).toContain('bg-amber-50');
    const arrived = AlertsNotice({
      notice: 'evaluated',
      tally: tally({ raised: 2, delivered: 3 }),
    })!;
    expect(text(arrived)).toContain(
      'Conditions evaluated: 2 alerts raised; 3 of 3 deliveries to your targets arrived.',
    );
    expect(arrived.props.className).toContain('bg-emerald-50');
    expect(text(AlertsNotice({ notice: 'evaluated', tally: tally({ raised: 0 }) }))).toContain(
      'Conditions evaluated: nothing new to send.',
    );
  });

  // "Conditions evaluated: nothing new to send." in green, above "No targets yet": it read as all
  // being well, while nobody would have been told of an alert anyway.
  it('with nothing to send, says so when no target would have told anybody, as a warning', () => {
    const none = AlertsNotice({
      notice: 'evaluated',
      tally: tally({ raised: 0 }),
      targetsNow: 'none',
    })!;
    expect(text(none)).toBe(
      JSON.stringify(
        'Conditions evaluated. No alert targets are set, so nobody would be told of an alert: add one below.',
      ),
    );
    expect(none.props).toMatchObject({ role: 'status' });
    expect(none.props.className).toContain('bg-amber-50');
    const disabled = AlertsNotice({
      notice: 'evaluated',
      tally: tally({ raised: 0 }),
      targetsNow: 'none-enabled',
    })!;
    expect(text(disabled)).toBe(
      JSON.stringify(
        'Conditions evaluated: nothing new to send. No alert target of yours is enabled, so nobody would be told of an alert.',
      ),
    );
    expect(disabled.props.className).toContain('bg-amber-50');
    // Someone listening: nothing to send is all there is to say, and it is fine.
    const fine = AlertsNotice({
      notice: 'evaluated',
      tally: tally({ raised: 0 }),
      targetsNow: 'some',
    })!;
    expect(text(fine)).toBe(JSON.stringify('Conditions evaluated: nothing new to send.'));
    expect(fine.props.className).toContain('bg-emerald-50');
    // An alert raised keeps its words, judged when it ran (`hasTargets`), whatever is listed now.
    expect(text(AlertsNotice({ notice: 'evaluated', tally: tally(), targetsNow: 'none' }))).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
      ),
    );
  });

  it('says when a test alert may be sent again, and that the database did not answer', () => {
    const wait = AlertsNotice({ notice: 'test-wait', wait: '42' })!;
    expect(wait.props).toMatchObject({ role: 'status' });
    expect(text(wait)).toContain(
      'Not sent: at most 5 test alerts per 60 seconds for your partner tenant. Try again in 42 s.',
    );
    const down = AlertsNotice({ notice: 'unavailable' })!;
    expect(down.props).toMatchObject({ role: 'alert' });
    expect(text(down)).toContain('the database is not answering');
  });

  it('says why a test alert failed in words, and where to look for the kind of target it went to', () => {
    const slack = AlertsNotice({
      notice: 'test-failed',
      reason: 'http_404',
      targetLabel: 'Ops channel',
      targetKind: 'slack',
    })!;
    expect(slack.props).toMatchObject({ role: 'alert' });
    expect(text(slack)).toBe(
      JSON.stringify(
        "The test alert to \u201cOps channel\u201d was not delivered (http_404): the receiver answered HTTP 404. The attempt is in the audit trail; check that the Slack webhook's URL is still active.",
      ),
    );
    // A mail target is not told to check a URL it does not have.
    const mail = text(
      AlertsNotice({ notice: 'test-failed', reason: 'smtp_535', targetKind: 'email' }),
    );
    expect(mail).toContain('the mail server refused it (535)');
    expect(mail).toContain('check the mail server settings, the sender and the recipient');
    expect(mail).not.toContain('URL');
  });
});
