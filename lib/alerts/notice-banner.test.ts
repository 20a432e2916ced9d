import { describe, expect, it } from 'vitest';
import { AlertsNotice } from '@/components/alerts/notice-banner';
import type { TargetsNow } from '@/lib/alerts/evaluation-tally';

const target = '3f2b8c1e-7a4d-4e9b-9c1a-2b3c4d5e6f70';

describe('the alerts page notice', () => {
  it('shows nothing when no outcome was recalled', () => {
    expect(AlertsNotice({ shown: null })).toBeNull();
  });

  it('says when "Evaluate now" may run again, as a wait (not an error), and a failure as one', () => {
    const wait = AlertsNotice({ shown: { notice: 'evaluate-wait', wait: 20 } })!;
    expect(wait.props).toMatchObject({ role: 'status' });
    expect(wait.props.className).toContain('bg-amber-50');
    expect(JSON.stringify(wait.props.text)).toContain(
      'Not evaluated: an evaluation was started for your partner tenant less than 30 seconds ago. Evaluate again in 20 s.',
    );
    const failed = AlertsNotice({ shown: { notice: 'evaluate-failed' } })!;
    expect(failed.props).toMatchObject({ role: 'alert' });
    expect(JSON.stringify(failed.props.text)).toContain('Alerts could not be evaluated');
  });

  const tally = (over: Partial<Record<string, number>> = {}) => ({
    raised: 1,
    delivered: 0,
    failed: 0,
    owedDelivered: 0,
    owedFailed: 0,
    ...over,
  });
  const text = (n: ReturnType<typeof AlertsNotice>) => JSON.stringify(n!.props.text);
  /** "Evaluate now"'s outcome; `hadTargets` as the action judged it when it ran. */
  const evaluated = (
    over: Partial<Record<string, number>> = {},
    more: {
      hadTargets?: boolean;
      targetsNow?: TargetsNow;
      stillOpen?: number;
    } = {},
  ) =>
    AlertsNotice({
      shown: { notice: 'evaluated', tally: tally(over), hadTargets: more.hadTargets ?? true },
      targetsNow: more.targetsNow,
      stillOpen: more.stillOpen,
    });

  it('never says alerts were sent when no target received them', () => {
    const unheard = evaluated()!;
    expect(text(unheard)).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
      ),
    );
    expect(unheard.props.className).toContain('bg-amber-50');
    // Nobody to tell at all: the notice says so, and where to add one.
    const noTargets = evaluated({}, { hadTargets: false })!;
    expect(text(noTargets)).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but you had no alert targets: nobody was told. Add one below.',
      ),
    );
    const failed = evaluated({ failed: 1 })!;
    expect(text(failed)).toContain(
      'Conditions evaluated: 1 alert raised; 0 of 1 delivery to your targets arrived, 1 failed and will be retried.',
    );
    expect(failed.props.className).toContain('bg-amber-50');
    const arrived = evaluated({ raised: 2, delivered: 3 })!;
    expect(text(arrived)).toContain(
      'Conditions evaluated: 2 alerts raised; 3 of 3 deliveries to your targets arrived.',
    );
    expect(arrived.props.className).toContain('bg-emerald-50');
    expect(text(evaluated({ raised: 0 }))).toContain('Conditions evaluated: nothing new to send.');
  });

  // "Conditions evaluated: nothing new to send." in green, above targets that were all disabled:
  // it read as all being well, while nobody would have been told of an alert anyway.
  it('with nothing to send, says so when every target is disabled, as a warning', () => {
    const disabled = evaluated({ raised: 0 }, { targetsNow: 'none-enabled' })!;
    expect(text(disabled)).toBe(
      JSON.stringify(
        'Conditions evaluated: nothing new to send. No alert target of yours is enabled, so nobody would be told of an alert.',
      ),
    );
    expect(disabled.props.className).toContain('bg-amber-50');
    // Someone listening: nothing to send is all there is to say, and it is fine.
    const fine = evaluated({ raised: 0 }, { targetsNow: 'some' })!;
    expect(text(fine)).toBe(JSON.stringify('Conditions evaluated: nothing new to send.'));
    expect(fine.props.className).toContain('bg-emerald-50');
    // An alert raised keeps its words, judged when it ran (`hadTargets`), whatever is listed now.
    expect(text(evaluated({}, { targetsNow: 'none' }))).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but no alert target of yours is enabled: nobody was told.',
      ),
    );
  });

  // Its targets enabled but sealed under an earlier AUTH_SECRET: "no alert target of yours is
  // enabled" was not true, and sent the Admin to the wrong switch.
  it('says when the enabled targets can no longer be read, rather than that none is enabled', () => {
    const unread = evaluated({ raised: 0 }, { targetsNow: 'none-readable' })!;
    expect(text(unread)).toBe(
      JSON.stringify(
        'Conditions evaluated: nothing new to send. None of your enabled alert targets can be read any more (see below), so nobody would be told of an alert.',
      ),
    );
    expect(unread.props.className).toContain('bg-amber-50');
    expect(text(evaluated({}, { targetsNow: 'none-readable' }))).toBe(
      JSON.stringify(
        'Conditions evaluated: 1 alert raised, but none of your enabled alert targets can be read any more (see below): nobody was told.',
      ),
    );
  });

  // "Conditions evaluated: nothing new to send." in green, above an open Critical alert marked
  // "Not sent to you": true, and skimmed as all clear.
  it('with nothing new to send, says what is still open', () => {
    expect(text(evaluated({ raised: 0 }, { stillOpen: 1 }))).toBe(
      JSON.stringify(
        'Conditions evaluated: nothing new to send. 1 alert is still open: see Open alerts below.',
      ),
    );
    expect(text(evaluated({ raised: 0 }, { stillOpen: 3, targetsNow: 'none-enabled' }))).toBe(
      JSON.stringify(
        'Conditions evaluated: nothing new to send. 3 alerts are still open: see Open alerts below. No alert target of yours is enabled, so nobody would be told of an alert.',
      ),
    );
    // A raised alert is one of those listed: its own words say what became of it.
    expect(text(evaluated({ delivered: 1 }, { stillOpen: 1 }))).not.toContain('still open');
  });

  // Its row is gone once removed: the notice is the one place that still names it.
  it('names the removed target', () => {
    expect(text(AlertsNotice({ shown: { notice: 'removed', label: 'Ops pager' } }))).toBe(
      JSON.stringify('\u201cOps pager\u201d was removed, with its stored destination.'),
    );
    expect(text(AlertsNotice({ shown: { notice: 'removed' } }))).toBe(
      JSON.stringify('The target was removed, with its stored destination.'),
    );
  });

  it('says when a test alert may be sent again, and that the database did not answer', () => {
    const wait = AlertsNotice({ shown: { notice: 'test-wait', wait: 42 } })!;
    expect(wait.props).toMatchObject({ role: 'status' });
    expect(text(wait)).toContain(
      'Not sent: at most 5 test alerts per 60 seconds for your partner tenant. Try again in 42 s.',
    );
    const down = AlertsNotice({ shown: { notice: 'unavailable' } })!;
    expect(down.props).toMatchObject({ role: 'alert' });
    expect(text(down)).toContain('the database is not answering');
  });

  it('says why a test alert failed in words, and where to look for the kind of target it went to', () => {
    const slack = AlertsNotice({
      shown: { notice: 'test-failed', target, reason: 'http_404', at: 0 },
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
      AlertsNotice({
        shown: { notice: 'test-failed', target, reason: 'smtp_535', at: 0 },
        targetKind: 'email',
      }),
    );
    expect(mail).toContain('the mail server refused it (535)');
    expect(mail).toContain('check the mail server settings, the sender and the recipient');
    expect(mail).not.toContain('URL');
  });

  // With no target at all, "No targets yet" stands in the target section, by its add form: the
  // notice said it too ("No alert targets are set, so nobody would be told"), a third time
  // with the open alerts' rows.
  it('with nothing to send and no target at all, says only what the evaluation did', () => {
    const none = evaluated({ raised: 0 }, { targetsNow: 'none' })!;
    expect(text(none)).toBe(JSON.stringify('Conditions evaluated: nothing new to send.'));
    expect(text(none)).not.toMatch(/target/i);
    expect(none.props.className).toContain('bg-emerald-50');
  });

  // The one notice an address may carry (a post from another site): anyone can link to it, so
  // it states the page's rule, not that something was refused or changed.
  it('words the address notice as a rule, claiming nothing happened', () => {
    const refused = text(AlertsNotice({ shown: { notice: 'refused' } }));
    expect(refused).toBe(
      JSON.stringify(
        'Alert targets can be changed, and Evaluate now run, from this page only: a request sent from another site changes nothing.',
      ),
    );
    expect(refused).not.toMatch(/Refused:|was (refused|removed|delivered)/);
    // A platform-wide target's form from an Admin who is not an operator: their own outcome.
    expect(text(AlertsNotice({ shown: { notice: 'platform-refused' } }))).toBe(
      JSON.stringify('Refused: platform-wide targets are for platform operators. Nothing changed.'),
    );
  });
});
