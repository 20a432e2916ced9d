import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { AddTargetForm, EmailFields } from '@/components/alerts/add-target-form';
import { SelectField, TextField } from '@/components/alerts/form-fields';
import { AuditFilterForm } from '@/components/audit/filter-form';

// The form only hands its data to the action; the action's own tests are settings-actions.test.ts.
vi.mock('@/lib/alerts/settings-actions', () => ({
  addAlertTargetAction: async (state: unknown) => state,
}));

const render = (scope: 'tenant' | 'platform') =>
  renderToStaticMarkup(createElement(AddTargetForm, { scope, allowInsecure: false }));

const classesOf = (html: string, tag: RegExp) =>
  [...html.matchAll(tag)].map((m) => (/class="([^"]*)"/.exec(m[0])?.[1] ?? '').split(' '));
const labels = (html: string) => classesOf(html, /<label [^>]*>/g);
const controls = (html: string) =>
  classesOf(html, /<(?:select|input)(?![^>]*type="hidden")[^>]*>/g);

describe('the add-target form', () => {
  // The designer's review: 14 px dark labels and `py-2` boxes beside the audit filters' and the
  // customer search's 12 px grey labels and 40 px boxes, and the select 2 px shorter than the input.
  it("draws its labels and controls as the audit filters' do, every control 40 px high", () => {
    const html = render('tenant');
    const audit = renderToStaticMarkup(createElement(AuditFilterForm, { filter: {}, raw: {} }));
    const auditLabel = /<label for="audit-action" class="([^"]*)"/.exec(audit)?.[1]?.split(' ');
    const auditControl = /<select id="audit-action"[^>]*class="([^"]*)"/
      .exec(audit)?.[1]
      ?.split(' ');
    expect(auditLabel).toContain('text-xs');
    expect(auditControl).toContain('h-10');
    expect(labels(html)).toHaveLength(3); // Channel, Name, Webhook URL
    for (const label of labels(html)) expect(label).toEqual(expect.arrayContaining(auditLabel!));
    expect(controls(html)).toHaveLength(3);
    for (const control of controls(html)) {
      expect(control).toEqual(expect.arrayContaining(auditControl!));
      expect(control).not.toContain('py-2');
    }
    expect(/<button type="submit"[^>]*class="([^"]*)"/.exec(html)?.[1]?.split(' ')).toContain(
      'h-10',
    );
  });

  // The e-mail fields' Encryption select is a SelectField as Channel is; a refused one is
  // outlined and described as a refused text field is.
  it('draws a select as its text inputs, a refused one in red with its error', () => {
    const fields = { id: (name: string) => `tenant-${name}`, error: () => 'not allowed' };
    const select = renderToStaticMarkup(
      createElement(SelectField, { fields, name: 'smtpSecurity', label: 'Encryption' }),
    );
    const input = renderToStaticMarkup(
      createElement(TextField, { fields, name: 'smtpPort', label: 'Port' }),
    );
    expect(controls(select)).toEqual(controls(input));
    expect(controls(select)[0]).toContain('h-10');
    expect(select).toMatch(/<select id="tenant-smtpSecurity" name="smtpSecurity"/);
    expect(select).toContain('aria-invalid="true"');
    expect(select).toContain('aria-describedby="tenant-smtpSecurity-error"');
    // Red whether focused or not, so focus shows as a wider ring (WCAG 2.4.7).
    expect(controls(select)[0]).toContain('aria-invalid:focus:ring-2');
  });

  // The platform operator's page shows both forms, one above the other: two "Add target"
  // buttons read as the same action.
  it("names its button after the list it adds to: the tenant's or the platform-wide one", () => {
    expect(render('tenant')).toMatch(/<button type="submit"[^>]*>Add target<\/button>/);
    expect(render('platform')).toMatch(
      /<button type="submit"[^>]*>Add platform-wide target<\/button>/,
    );
    expect(render('platform')).not.toContain('>Add target<');
  });

  // Designer's review: "STARTTLS (port 587)" beside a Port field read as if the choice set the
  // port; the port typed is the one used, whatever the encryption (channels.ts).
  it('words the port as the form uses it: as typed, its usual value named by the Port field', () => {
    const fields = { id: (name: string) => `tenant-${name}`, error: () => undefined };
    const html = renderToStaticMarkup(createElement(EmailFields, { fields, allowInsecure: false }));
    const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(options).toEqual([
      ['starttls', 'STARTTLS'],
      ['tls', 'TLS'],
    ]);
    expect(html).toMatch(/<input id="tenant-smtpPort"[^>]*aria-describedby="tenant-smtpPort-help"/);
    expect(html).toContain(
      'Usually 587 for STARTTLS and 465 for TLS. Choosing an encryption fills in its usual port unless you typed another.',
    );
    expect(html).toMatch(/name="smtpPort"[^>]*value="587"/);
  });
});
