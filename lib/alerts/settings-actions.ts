'use server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { requireRole } from '@/lib/auth';
import { isPlatformOperator } from '@/lib/auth/scope';
import type { PortalUser } from '@/lib/auth/user';
import { getConfig } from '@/lib/config';
import { getDatabase } from '@/lib/db';
import { vetServer, vetUrl } from '@/lib/security/outbound-target';
import { admitAdminEvaluation, evaluateNow } from './evaluate-now';
import { outboundPolicy, sendTestAlert } from './index';
import { checkAddTargetForm, type FieldErrors } from './settings-form';
import {
  addTarget,
  newSigningSecret,
  removeTarget,
  setTargetEnabled,
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

export async function addAlertTargetAction(
  _previous: AddTargetState,
  form: FormData,
): Promise<AddTargetState> {
  const user = await authorize();
  const config = getConfig();
  const signingSecret = newSigningSecret();
  const policy = outboundPolicy(config);
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
  const owner = ownerFor(user, parsed.value.scope);
  if (!owner)
    return {
      status: 'refused',
      message: 'Only platform operators manage platform-wide targets.',
      errors: {},
    };
  const { db } = await getDatabase();
  const target = await addTarget(
    db,
    owner,
    {
      label: parsed.value.label,
      destination: parsed.value.destination,
      createdBy: user.upn || user.oid,
    },
    config.sessionSecret,
  );
  recordAudit({
    action: 'alert.target-added',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { targetId: target.id, channel: target.kind, platform: owner.partnerTenant === null },
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

async function targetAction(
  form: FormData,
): Promise<{ user: PortalUser; owner: TargetOwner; id: string }> {
  const user = await authorize();
  const parsed = targetForm.safeParse({ id: form.get('id'), scope: form.get('scope') });
  if (!parsed.success) redirect(`${page}?notice=invalid`);
  const owner = ownerFor(user, parsed.data.scope);
  if (!owner) redirect(`${page}?notice=refused`);
  return { user, owner, id: parsed.data.id };
}

const enabledField = z.enum(['true', 'false']);

export async function setAlertTargetEnabledAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form);
  // A post without a clear "true" or "false" is not understood: it must not disable the target.
  const choice = enabledField.safeParse(form.get('enabled'));
  if (!choice.success) redirect(`${page}?notice=invalid`);
  const enabled = choice.data === 'true';
  const { db } = await getDatabase();
  const target = await setTargetEnabled(db, owner, id, enabled);
  if (!target) redirect(`${page}?notice=missing`);
  recordAudit({
    action: 'alert.target-changed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { targetId: id, enabled },
  });
  redirect(`${page}?notice=${enabled ? 'enabled' : 'disabled'}&target=${id}`);
}

export async function removeAlertTargetAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form);
  const { db } = await getDatabase();
  const target = await removeTarget(db, owner, id);
  if (!target) redirect(`${page}?notice=missing`);
  recordAudit({
    action: 'alert.target-removed',
    outcome: 'success',
    actor: user,
    partnerTenant: owner.partnerTenant ?? undefined,
    details: { targetId: id, channel: target.kind },
  });
  redirect(`${page}?notice=removed`);
}

export async function sendTestAlertAction(form: FormData): Promise<void> {
  const { user, owner, id } = await targetAction(form);
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
  if (!own) redirect(`${page}?notice=missing`);
  const result = await sendTestAlert(id, user);
  if (!result) redirect(`${page}?notice=unreadable&target=${id}`);
  redirect(
    result.ok
      ? `${page}?notice=test-sent&target=${id}`
      : `${page}?notice=test-failed&target=${id}&reason=${encodeURIComponent(result.error?.code ?? 'send_failed')}`,
  );
}

/**
 * "Evaluate now": runs the same evaluation as the keep-alive tick and says how many of its
 * alerts concern the Admin. Bounded as `POST /api/alerts/evaluate` is for Admins (one run per
 * partner tenant per 30 s, evaluate-now.ts): the button and a script with the cookie count
 * alike. A refusal or a failure comes back to the page in words, not as its error page.
 */
export async function evaluateNowAction(): Promise<void> {
  const user = await authorize();
  const { evaluateAlerts, sentConcerning } = await import('./index');
  const outcome = await evaluateNow(
    { tenantId: user.tid },
    { admitAdmin: admitAdminEvaluation, evaluate: () => evaluateAlerts() },
  );
  if (!outcome.ok)
    redirect(
      outcome.failure.code === 'evaluated_recently'
        ? `${page}?notice=evaluate-wait&wait=${outcome.failure.retryAfterSeconds ?? ''}`
        : `${page}?notice=evaluate-failed`,
    );
  const sent = sentConcerning(outcome.summary, {
    tenantId: user.tid,
    platformOperator: isPlatformOperator(user, getConfig()),
  });
  redirect(`${page}?notice=evaluated&sent=${sent.length}`);
}
