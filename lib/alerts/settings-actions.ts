'use server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { requireRecentSignIn, requireRole } from '@/lib/auth';
import { isPlatformOperator } from '@/lib/auth/scope';
import type { PortalUser } from '@/lib/auth/user';
import { getConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { vetServer, vetUrl } from '@/lib/security/outbound-target';
import { admitAdminEvaluation, evaluateNow } from './evaluate-now';
import { nobodyTold, tallyFor } from './evaluation-tally';
import { outboundPolicy, sendTestAlert } from './index';
import { checkAddTargetForm, type FieldErrors } from './settings-form';
import { admitSettingsAction, targetAddWaitText } from './settings-limits';
import { alertSettingsOutcomeAddress, type AlertSettingsOutcome } from './settings-outcome';
import { targetAuditDetails } from './target-audit';
import {
  hasAnyAlertTarget,
  logSettingsUnavailable,
  settingsUnavailableText,
} from './settings-view';
import {
  addTarget,
  newSigningSecret,
  removeTarget,
  setTargetEnabled,
  TargetLimitError,
  type TargetOwner,
} from './targets';

/** What the add form shows after a submit; `shownOnce` is the only time a secret leaves the server. */
export interface AddTargetState {
  status: 'idle' | 'added' | 'invalid' | 'refused';
  message: string;
  errors: FieldErrors;
  shownOnce?: { label: string; signingSecret: string };
}

const page = '/settings/alerts';

/**
 * Back to the page, which tells `user` once what their press did (settings-outcome.ts): the
 * address carries an opaque id only, never the outcome, so a link cannot make the page claim it.
 */
async function back(user: PortalUser, outcome: AlertSettingsOutcome): Promise<never> {
  redirect(await alertSettingsOutcomeAddress(outcome, user));
}

/** Admins only, from the portal's own pages (the same check as the portal's POST routes). */
async function authorize(): Promise<PortalUser> {
  const user = await requireRole(['admin'], page);
  const incoming = await headers();
  const site = incoming.get('sec-fetch-site');
  const origin = incoming.get('origin');
  const sameOrigin = site
    ? site === 'same-origin'
    : origin === new URL(getConfig().publicUrl).origin;
  // The one notice left in the address. A post from another site may be that site's doing,
  // not the Admin's: it writes nothing, not even an outcome for them to read. Its words state
  // the page's rule, nothing that happened, so a link carrying them claims nothing
  // (notice-banner.tsx, `refused`).
  if (!sameOrigin) redirect(`${page}?notice=refused`);
  return user;
}

/** The Admin's own partner tenant, or (platform operators only) the platform-wide targets. */
function ownerFor(user: PortalUser, scope: unknown): TargetOwner | null {
  if (scope === 'platform')
    return isPlatformOperator(user, getConfig()) ? { partnerTenant: null } : null;
  return { partnerTenant: user.tid };
}

/**
 * `work` (database reads and writes, never a redirect), or back to the page with the notice
 * `unavailable` when the database does not answer: a notice in words, not the error page. (The
 * outcome store then keeps it in this instance's memory: flash-store.ts.)
 */
async function orUnavailable<T>(
  user: PortalUser,
  doing: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    logSettingsUnavailable(doing, cause);
    return back(user, { notice: 'unavailable' });
  }
}

export async function addAlertTargetAction(
  _previous: AddTargetState,
  form: FormData,
): Promise<AddTargetState> {
  const user = await authorize();
  // A new target receives the partner's alerts: only from a recent sign-in (recent-sign-in.ts).
  await requireRecentSignIn('alert-targets');
  // Counted before the form is checked: checking resolves the host names it names.
  const admission = await admitSettingsAction('targetAdd', user.tid);
  if (!admission.allowed)
    return {
      status: 'refused',
      message: targetAddWaitText(admission.retryAfterSeconds),
      errors: {},
    };
  const config = getConfig();
  // Known before the destination is checked: the owner decides where a target may lead (the
  // operator's private-host exceptions are for platform-wide targets only). The form's check
  // below then takes only the two scopes ownerFor tells apart.
  const owner = ownerFor(user, form.get('scope'));
  if (!owner)
    return {
      status: 'refused',
      message: 'Only platform operators manage platform-wide targets.',
      errors: {},
    };
  const signingSecret = newSigningSecret();
  const policy = outboundPolicy(config, owner);
  const parsed = await checkAddTargetForm(form, signingSecret, config.profile === 'local', {
    url: (url) => vetUrl(url, policy),
    server: (host, port) => vetServer(host, port, policy),
  });
  if (!parsed.ok)
    return {
      status: 'invalid',
      message: 'Check the highlighted fields; nothing was saved.',
      errors: parsed.errors,
    };
  let target;
  try {
    const { db } = await getDatabase();
    target = await addTarget(
      db,
      owner,
      {
        label: parsed.value.label,
        destination: parsed.value.destination,
        createdBy: user.upn || user.oid,
      },
      config.sessionSecret,
    );
  } catch (cause) {
    if (cause instanceof TargetLimitError)
      return { status: 'refused', message: cause.message, errors: {} };
    logSettingsUnavailable('add a target', cause);
    return { status: 'refused', message: settingsUnavailableText.action, errors: {} };
  }
  recordAudit({
    action: 'alert.target-added',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { ...targetAuditDetails(target), platform: owner.partnerTenant === null },
  });
  // The page's list shows the new target at once (the form's own state stays as it is).
  revalidatePath(page);
  return {
    status: 'added',
    errors: {},
    message: `"${target.label}" was added. Its destination is stored encrypted and will not be shown again.`,
    ...(parsed.value.destination.kind === 'webhook'
      ? { shownOnce: { label: target.label, signingSecret } }
      : {}),
  };
}

const targetForm = z.object({ id: z.uuid(), scope: z.enum(['tenant', 'platform']) });

/**
 * The signed-in Admin and the target `form` names, if theirs. `changes`: the action turns the
 * target on or off or removes it (off or removed, it silences alerts), so it needs a recent
 * sign-in, as adding one does.
 */
async function targetAction(
  form: FormData,
  { changes }: { changes: boolean },
): Promise<{ user: PortalUser; owner: TargetOwner; id: string }> {
  const user = await authorize();
  if (changes) await requireRecentSignIn('alert-targets');
  const parsed = targetForm.safeParse({ id: form.get('id'), scope: form.get('scope') });
  if (!parsed.success) return back(user, { notice: 'invalid' });
  const owner = ownerFor(user, parsed.data.scope);
  if (!owner) return back(user, { notice: 'platform-refused' });
  return { user, owner, id: parsed.data.id };
}

const enabledField = z.enum(['true', 'false']);

export async function setAlertTargetEnabledAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: true });
  // A post without a clear "true" or "false" is not understood: it must not disable the target.
  const choice = enabledField.safeParse(form.get('enabled'));
  if (!choice.success) return back(user, { notice: 'invalid' });
  const enabled = choice.data === 'true';
  const target = await orUnavailable(user, 'change a target', async () =>
    setTargetEnabled((await getDatabase()).db, owner, id, enabled),
  );
  if (!target) return back(user, { notice: 'missing' });
  recordAudit({
    action: 'alert.target-changed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { ...targetAuditDetails(target), enabled },
  });
  return back(user, { notice: enabled ? 'enabled' : 'disabled', target: id });
}

export async function removeAlertTargetAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: true });
  const target = await orUnavailable(user, 'remove a target', async () =>
    removeTarget((await getDatabase()).db, owner, id),
  );
  if (!target) return back(user, { notice: 'missing' });
  recordAudit({
    action: 'alert.target-removed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    // The row is gone: the event is what still names the target.
    details: targetAuditDetails(target),
  });
  return back(user, { notice: 'removed', label: target.label });
}

/**
 * "Send a test alert": one message to one of the Admin's own targets, at most
 * `settingsLimits.testAlert` per partner tenant (settings-limits.ts), so the button, or a script
 * holding the cookie, cannot make the portal a relay that posts at will.
 */
export async function sendTestAlertAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: false });
  const admission = await admitSettingsAction('testAlert', user.tid);
  if (!admission.allowed)
    return back(user, { notice: 'test-wait', wait: admission.retryAfterSeconds });
  const result = await orUnavailable(user, 'send a test alert', async () => {
    const { db } = await getDatabase();
    const own = await db
      .selectFrom('alert_targets')
      .select('id')
      .where('id', '=', id)
      .where(
        'partner_tenant',
        owner.partnerTenant === null ? 'is' : '=',
        owner.partnerTenant?.toLowerCase() ?? null,
      )
      .executeTakeFirst();
    if (!own) return null;
    // Before sending: the delivery's audit event, once written, is at least as new and wins.
    const at = Date.now();
    return { sent: await sendTestAlert(id, user), at };
  });
  if (!result) return back(user, { notice: 'missing' });
  const sent = result.sent;
  if (!sent) return back(user, { notice: 'unreadable', target: id });
  // `at` marks the tested row until its audit event is read back (settings-last-test.ts).
  return back(
    user,
    sent.ok
      ? { notice: 'test-sent', target: id, at: result.at }
      : {
          notice: 'test-failed',
          target: id,
          reason: reasonCode(sent.error?.code),
          at: result.at,
        },
  );
}

/** A delivery's code as the outcome keeps it: a short machine word, else the generic one. */
function reasonCode(code: string | undefined): string {
  return code && /^[a-z0-9_-]{1,40}$/.test(code) ? code : 'send_failed';
}

/**
 * "Evaluate now": runs the same evaluation as the keep-alive tick and says how many of its
 * alerts concern the Admin and how their deliveries to the Admin's own targets went
 * (evaluation-tally.ts): an alert raised is not an alert anyone received. Bounded as
 * `POST /api/alerts/evaluate` is for Admins (one run per partner tenant per 30 s,
 * evaluate-now.ts): the button and a script with the cookie count alike. A refusal or a
 * failure comes back to the page in words, not as its error page.
 */
export async function evaluateNowAction(): Promise<void> {
  const user = await authorize();
  const { evaluateAlerts } = await import('./index');
  const outcome = await evaluateNow(
    { tenantId: user.tid },
    { admitAdmin: admitAdminEvaluation, evaluate: (caller) => evaluateAlerts(undefined, caller) },
  );
  if (!outcome.ok)
    return back(
      user,
      outcome.failure.code === 'evaluated_recently'
        ? { notice: 'evaluate-wait', wait: outcome.failure.retryAfterSeconds }
        : { notice: 'evaluate-failed' },
    );
  const platformOperator = isPlatformOperator(user, getConfig());
  const tally = tallyFor(outcome.summary, { tenantId: user.tid, platformOperator });
  // An alert nobody heard has two causes the page words apart: no target at all, or none
  // enabled. Judged now, with the evaluation, not when the page is shown: a target added since
  // would make "you had none" read "none of yours is enabled".
  const none = nobodyTold(tally) && !(await hasAnyAlertTarget(user, platformOperator));
  return back(user, { notice: 'evaluated', tally, hadTargets: !none });
}
