import { describe, expect, it } from 'vitest';
import { auditEventInputSchema } from '@/lib/audit/events';
import { fitAuditDetail, targetAuditDetails } from './target-audit';

/** Whether lib/audit would take these details (an event it refuses is lost). */
const accepted = (details: Record<string, string>) =>
  auditEventInputSchema.safeParse({ action: 'alert.target-removed', outcome: 'success', details })
    .success;

describe("a target's audit details", () => {
  const target = { id: 't-1', kind: 'email' as const, label: 'Ops', hint: '' };

  it('carry the label and hint as they are when they fit', () => {
    const details = targetAuditDetails({
      ...target,
      hint: 'ops@example.com via smtp.example.com:587',
    });
    expect(details).toEqual({
      targetId: 't-1',
      channel: 'email',
      label: 'Ops',
      hint: 'ops@example.com via smtp.example.com:587',
    });
    expect(accepted(details)).toBe(true);
  });

  it('cut a hint longer than the details take, and lib/audit takes it', () => {
    const hint = `${Array.from({ length: 20 }, (_, i) => `r${i}@example.com`).join(', ')} via smtp.example.com:25`;
    expect(accepted({ hint })).toBe(false);
    const fitted = targetAuditDetails({ ...target, hint }).hint;
    expect(fitted).toHaveLength(200);
    expect(fitted).toBe(`${hint.slice(0, 199)}…`);
    expect(accepted({ hint: fitted })).toBe(true);
  });

  it('shorten what looks like a credential: a long host name, a token pasted as a label', () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
    const label = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0 hook';
    expect(accepted({ hint: host })).toBe(false);
    expect(accepted({ label })).toBe(false);
    const details = targetAuditDetails({
      ...target,
      label,
      hint: `ops@example.com via ${host}:25`,
    });
    expect(details.hint).toBe(`ops@example.com via ${'a'.repeat(16)}…:25`);
    expect(details.label).toBe('eyJhbGciOiJIUzI1… hook');
    expect(accepted(details)).toBe(true);
  });

  it('never cuts between the two halves of a character outside the BMP', () => {
    const fitted = fitAuditDetail(`${'a '.repeat(99)}🔔${' b'.repeat(10)}`);
    expect(fitted).toBe(`${'a '.repeat(99)}…`);
    // No lone surrogate: every code point survives a round trip through UTF-8.
    expect(Buffer.from(fitted, 'utf8').toString('utf8')).toBe(fitted);
  });
});
