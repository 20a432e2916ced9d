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
import { nobodyTold, tallyFor, tallyQuery } from './evaluation-tally';
import { outboundPolicy, sendTestAlert } from './index';
import { checkAddTargetForm, type FieldErrors } from './settings-form';
import { admitSettingsAction, targetAddWaitText } from './settings-limits';
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

/** Admins only, from the portal's own pages (the same check as the portal's POST routes). */
async function authorize(): Promise<PortalUser> {
  const user = await requireRole(['admin'], page);
  const incoming = await headers();
  const site = incoming.get('sec-fetch-site');
  const origin = incoming.get('origin');
  const sameOrigin = site
    ? site === 'same-origin'
    : origin === new URL(getConfig().publicUrl).origin;
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
 * `unavailable` when the database does not answer: a notice in words, not the error page.
 */
async function orUnavailable<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    logSettingsUnavailable(doing, cause);
    redirect(`${page}?notice=unavailable`);
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
  if (!parsed.success) redirect(`${page}?notice=invalid`);
  const owner = ownerFor(user, parsed.data.scope);
  if (!owner) redirect(`${page}?notice=refused`);
  return { user, owner, id: parsed.data.id };
}

const enabledField = z.enum(['true', 'false']);

export async function setAlertTargetEnabledAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: true });
  // A post without a clear "true" or "false" is not understood: it must not disable the target.
  const choice = enabledField.safeParse(form.get('enabled'));
  if (!choice.success) redirect(`${page}?notice=invalid`);
  const enabled = choice.data === 'true';
  const target = await orUnavailable('change a target', async () =>
    setTargetEnabled((await getDatabase()).db, owner, id, enabled),
  );
  if (!target) redirect(`${page}?notice=missing`);
  recordAudit({
    action: 'alert.target-changed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { ...targetAuditDetails(target), enabled },
  });
  redirect(`${page}?notice=${enabled ? 'enabled' : 'disabled'}&target=${id}`);
}

export async function removeAlertTargetAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: true });
  const target = await orUnavailable('remove a target', async () =>
    removeTarget((await getDatabase()).db, owner, id),
  );
  if (!target) redirect(`${page}?notice=missing`);
  recordAudit({
    action: 'alert.target-removed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    // The row is gone: the event is what still names the target.
    details: targetAuditDetails(target),
  });
  redirect(`${page}?notice=removed`);
}

/**
 * "Send a test alert": one message to one of the Admin's own targets, at most
 * `settingsLimits.testAlert` per partner tenant (settings-limits.ts), so the button, or a script
 * holding the cookie, cannot make the portal a relay that posts at will.
 */
export async function sendTestAlertAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form, { changes: false });
  const admission = await admitSettingsAction('testAlert', user.tid);
  if (!admission.allowed) redirect(`${page}?notice=test-wait&wait=${admission.retryAfterSeconds}`);
  const result = await orUnavailable('send a test alert', async () => {
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
  if (!result) redirect(`${page}?notice=missing`);
  const sent = result.sent;
  if (!sent) redirect(`${page}?notice=unreadable&target=${id}`);
  // `at` marks the tested row until its audit event is read back (settings-last-test.ts).
  redirect(
    sent.ok
      ? `${page}?notice=test-sent&target=${id}&at=${result.at}`
      : `${page}?notice=test-failed&target=${id}&reason=${encodeURIComponent(sent.error?.code ?? 'send_failed')}&at=${result.at}`,
  );
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
    redirect(
      outcome.failure.code === 'evaluated_recently'
        ? `${page}?notice=evaluate-wait&wait=${outcome.failure.retryAfterSeconds ?? ''}`
        : `${page}?notice=evaluate-failed`,
    );
  const platformOperator = isPlatformOperator(user, getConfig());
  const tally = tallyFor(outcome.summary, { tenantId: user.tid, platformOperator });
  // An alert nobody heard has two causes the page words apart: no target at all, or none
  // enabled. Judged now, with the evaluation, not when the page is shown: a target added since
  // would make "you had none" read "none of yours is enabled".
  const none = nobodyTold(tally) && !(await hasAnyAlertTarget(user, platformOperator));
  redirect(`${page}?notice=evaluated&${tallyQuery(tally)}${none ? '&targets=none' : ''}`);
}
