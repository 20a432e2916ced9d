import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FailureFix } from '@/components/failure-fix';
import { EntraError } from '@/lib/entra/errors';
import { toVaultError } from '@/lib/vault/errors';
import { vaultEntries } from './catalogue/vault';
import { aadstsCatalogue } from './catalogue/aadsts';
import { ownAdminWordsElsewhere } from './catalogue/readers';
import {
  addressedToOwnAdmin,
  failureView,
  fixedByPartner,
  fixFor,
  readerOfScope,
  toFailure,
} from './index';
import { ownAdminCatalogues, ownAdminLinesOf } from './reader';

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'");
const vaultFailure = (sdkError: object) =>
  toFailure(toVaultError('list', sdkError), { for: 'onboarding', correlationId: 'c-1' });

/**
 * A partner's admin was told "Check KEY_VAULT_URL and network access to the vault" and
 * "Grant the portal's identity get/set/list/delete on secrets": the operator's vault and
 * identity, which they can neither reach nor change.
 */
describe('a fix only the portal operator can make', () => {
  it('is the operator’s in the Key Vault catalogue, except what a partner can act on or wait out', () => {
    const owners = Object.fromEntries(Object.entries(vaultEntries).map(([c, e]) => [c, e.owner]));
    expect(owners).toEqual({
      vault_credential: 'portal',
      vault_forbidden: 'portal',
      vault_secret_disabled: 'portal',
      vault_not_found: undefined,
      vault_conflict: 'portal',
      vault_being_deleted: undefined,
      vault_being_recovered: undefined,
      vault_unavailable: 'portal',
      vault_throttled: 'portal',
      vault_error: 'portal',
    });
  });

  it('reaches a partner as the operator’s to make, with whether it may pass and who asks again', () => {
    const outage = fixFor(failureView(vaultFailure({ statusCode: 503 })), 'partner');
    expect(outage).toMatchObject({
      code: 'vault_unavailable',
      problem: 'Key Vault could not be reached or is temporarily failing.',
      owner: 'portal',
      fix: "The portal's operator must fix this if it lasts; nothing is needed from you. Try again in a few minutes.",
      correlationId: 'c-1',
    });
    const refused = fixFor(failureView(vaultFailure({ statusCode: 403 })), 'partner');
    expect(refused.fix).toBe(
      "The portal's operator must fix this; nothing is needed from you. Try again once they have.",
    );
    // Behind the health report the portal asks again itself.
    expect(
      fixFor(failureView(vaultFailure({ statusCode: 503 })), 'partner', {
        portalRetries: true,
      }).fix,
    ).toBe(
      "The portal's operator must fix this if it lasts; nothing is needed from you: the portal keeps retrying on its own.",
    );
    expect(
      fixFor(
        { fix: 'Set ENTRA_CLIENT_SECRET.', owner: 'portal', action: 'fix-configuration' },
        'partner',
        {
          portalRetries: true,
        },
      ).fix,
    ).toBe(
      "The portal's operator must fix this; nothing is needed from you: the portal keeps retrying, and recovers once they have.",
    );
    // The view keeps whether it may pass, for whoever reads it later (onboarding's flash store).
    expect(outage.transient).toBe(true);
    expect(refused.transient).toBe(false);
  });

  it('keeps its steps for the operator, who runs the portal', () => {
    const failure = vaultFailure({ statusCode: 503 });
    expect(fixFor(failureView(failure), 'operator')).toEqual(failureView(failure));
    expect(fixFor(failureView(failure), 'operator').fix).toBe(
      'Check KEY_VAULT_URL and network access to the vault, then retry.',
    );
  });

  it('drops the operator’s steps of an Entra failure, shown to a partner', () => {
    // AADSTS7000215: the portal's client secret is wrong.
    const failure = toFailure(
      new EntraError({ error: 'invalid_client', status: 401, aadsts: 7000215 }),
      { for: 'onboarding' },
    );
    expect(failure.steps?.join(' ')).toMatch(/ENTRA_CLIENT_SECRET/);
    const html = text(
      renderToStaticMarkup(createElement(FailureFix, fixFor(failureView(failure), 'partner'))),
    );
    expect(html).not.toMatch(/ENTRA_CLIENT_SECRET|app registration/);
    expect(html).toContain(
      "Where the cause is: the portal's own side (its operator looks after its configuration, Key Vault and network)",
    );
    expect(html).toContain("What to do: The portal's operator must fix this;");
  });

  it("leaves a partner the one line of a fix their action ends, without the operator's steps", () => {
    // AADSTS700082: the portal let the grant lapse (owner: portal), but only a re-consent helps.
    const words = fixFor(
      {
        fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
        owner: 'portal',
        action: 're-consent',
        steps: ['Re-consent in onboarding.', "Keep the portal's keep-alive running (…)."],
      },
      'partner',
    );
    expect(words).toEqual({
      fix: 'Re-consent in onboarding; the keep-alive then keeps it fresh.',
      owner: 'portal',
      action: 're-consent',
    });
    // Neither the partner's alone nor the operator's: the operator's steps say who does which.
    expect(fixedByPartner(words)).toBe(false);
  });

  it("gives a partner their own way around a disabled connection in the portal's vault", () => {
    // Key Vault's answer to a get of a disabled version (Azure/azure-sdk-for-js#24756).
    const disabled = vaultFailure({
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    });
    const operatorFix = vaultEntries.vault_secret_disabled.fix;
    expect(disabled).toMatchObject({ code: 'vault_secret_disabled', owner: 'portal' });
    const partner = fixFor(failureView(disabled), 'partner');
    expect(partner).toMatchObject({
      fix: "A partner admin connects Partner Center again in onboarding to store a new connection, or asks the portal's operator to enable the stored one again.",
      action: 're-consent',
      owner: 'portal',
    });
    const html = text(renderToStaticMarkup(createElement(FailureFix, partner)));
    expect(html).not.toMatch(/Enable its current version|The portal's operator must fix this/);
    // The operator reads the whole fix, as theirs: enabling the version is their vault's.
    const operator = fixFor(failureView(disabled), 'operator');
    expect(operator).toMatchObject({ fix: operatorFix, action: 'fix-configuration' });
    expect(operatorFix).toMatch(/^Enable its current version in Key Vault, or /);
    expect(fixedByPartner(operator)).toBe(false);
  });

  it("leaves a partner's own fixes alone, and says whose fix is whose", () => {
    const theirs = {
      fix: 'Exclude the account.',
      owner: 'partner-entra' as const,
      action: 'retry',
    };
    expect(fixFor(theirs, 'partner')).toBe(theirs);
    expect(fixedByPartner(theirs)).toBe(true);
    expect(fixedByPartner({ owner: 'portal', action: 'retry' })).toBe(false);
    expect(fixedByPartner({ owner: 'microsoft', action: 'retry' })).toBe(false);
    expect(fixedByPartner({ action: 'onboard' })).toBe(true);
  });

  it("reads the reader off the viewer's scope", () => {
    expect(readerOfScope({ kind: 'all' })).toBe('operator');
    expect(readerOfScope({ kind: 'tenant' })).toBe('partner');
  });
});

/**
 * The operator's words name the partner's action as one of its admins' ("One of this partner's
 * admins re-consents"): on their own tenant's card, beside their own Re-consent button, the
 * home tenant's Admin read it as someone else's task.
 */
describe("words for the tenant's own admin, who may act on them", () => {
  it('address the re-consent to them, and keep the rest as it is', () => {
    const retired = aadstsCatalogue[700082]!;
    const theirs = addressedToOwnAdmin(retired);
    expect(theirs.steps).toEqual([
      'Re-consent in onboarding.',
      retired.steps![1], // The operator's keep-alive: not the partner's action.
    ]);
    expect(theirs).toMatchObject({ cause: retired.cause, fix: retired.fix, action: 're-consent' });
    // A later step: the operator's check first, then theirs.
    expect(addressedToOwnAdmin(aadstsCatalogue[700007]!).steps).toEqual([
      aadstsCatalogue[700007]!.steps[0],
      'Then re-consent in onboarding.',
    ]);
  });

  it("give them the way around a disabled connection in the vault, the operator's and the partner's", () => {
    const disabled = vaultEntries.vault_secret_disabled;
    expect(addressedToOwnAdmin(disabled).fix).toBe(
      'Enable its current version in Key Vault, or re-consent in onboarding to store a new one.',
    );
    expect(addressedToOwnAdmin(disabled.partnerWay!).fix).toBe(
      "Re-consent in onboarding to store a new connection, or ask the portal's operator to enable the stored one again.",
    );
  });

  // Only its fix and steps were addressed to them: "The partner's stored Partner Center
  // connection is disabled" stood above "re-consent in onboarding", as someone else's.
  it('address the cause of a disabled connection to them too, however it reaches them', () => {
    const disabled = vaultFailure({
      name: 'RestError',
      statusCode: 403,
      details: { error: { innerError: { code: 'SecretDisabled' } } },
    });
    const yours = 'Your stored Partner Center connection is disabled in Key Vault.';
    // Onboarding's failure panel and notice: the view, as the operator or a partner reads it.
    for (const reader of ['operator', 'partner'] as const)
      expect(addressedToOwnAdmin(fixFor(failureView(disabled), reader)).problem).toBe(yours);
    // /health's card: the token service's words as `cause`, with what the report adds to it.
    const card = {
      cause: `${disabled.problem} This instance of the portal cannot read Key Vault.`,
      fix: vaultEntries.vault_secret_disabled.partnerWay!.fix,
      action: 're-consent',
    };
    expect(addressedToOwnAdmin(card).cause).toBe(
      `${yours} This instance of the portal cannot read Key Vault.`,
    );
    // A vault still deleting or recovering it after a disconnect: theirs as well.
    expect(addressedToOwnAdmin(vaultEntries.vault_being_deleted).problem).toBe(
      'Key Vault is still deleting your stored Partner Center connection.',
    );
  });

  it('leave words without a third person, and words without a fix, untouched', () => {
    const wait = { fix: 'Wait a minute, then try again.', action: 'retry' };
    expect(addressedToOwnAdmin(wait)).toEqual(wait);
    const none = { action: 'none' };
    expect(addressedToOwnAdmin(none)).toEqual(none);
  });

  // A partner's Ops, and a platform operator viewing another partner, are not the one who acts:
  // the pages do not address the words for them, which keep naming who does.
  it('are not what others read: the words themselves keep the third person', () => {
    const disabled = { code: 'vault_secret_disabled', ...vaultEntries.vault_secret_disabled };
    expect(fixFor(disabled, 'operator').problem).toBe(
      "The partner's stored Partner Center connection is disabled in Key Vault.",
    );
    expect(fixFor(disabled, 'partner').fix).toMatch(/^A partner admin connects/);
  });
});

/**
 * `addressedToOwnAdmin` rewrote the catalogues' words by phrases kept apart from them: a
 * sentence reworded in its catalogue silently stopped being addressed, and no test read the
 * health report's own advice (lib/health/status.ts). Now a catalogue entry keeps its own
 * admin's words beside it (`ownAdmin`), other sources' sentences are listed in
 * lib/failure/catalogue/readers.ts, and these tests read every word of every source whose
 * words reach the own admin's pages.
 */
describe("the own admin's words cover every third-person sentence", () => {
  /** Words that name the tenant's own admin, or their connection, in the third person. */
  const thirdPerson =
    /partner's admins|partner's stored|\b(a partner admin|an admin) (connects|re-consents|consents|asks)\b/i;

  const linesOf = (w: {
    title?: string;
    problem?: string;
    cause?: string;
    fix?: string;
    steps?: readonly string[];
  }) => [w.title, w.problem, w.cause, w.fix, ...(w.steps ?? [])];

  it('every word of the catalogues behind /health and onboarding', () => {
    const named = ownAdminCatalogues
      .flat()
      .filter((w) => linesOf(w).some((line) => line !== undefined && thirdPerson.test(line)));
    // 8 since AADSTS70002 (the portal's refused credential) no longer asks a partner's admin.
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const w of named)
      for (const line of linesOf(addressedToOwnAdmin({ action: 'none', ...w })))
        expect(line ?? '').not.toMatch(thirdPerson);
  });

  // An `ownAdmin` word for a field or step the entry does not have would address nothing.
  it("every own admin's word stands for a word of its entry, and says it to them", () => {
    const held = ownAdminCatalogues.flat().filter((w) => w.ownAdmin);
    expect(held.length).toBeGreaterThanOrEqual(8);
    for (const w of held) {
      const own = w.ownAdmin!;
      const count =
        (['title', 'problem', 'cause', 'fix'] as const).filter((f) => own[f] !== undefined).length +
        Object.keys(own.steps ?? {}).length;
      const lines = ownAdminLinesOf(w);
      expect(lines).toHaveLength(count);
      for (const [theirs, yours] of lines) {
        expect(theirs).toMatch(thirdPerson);
        expect(yours).not.toMatch(thirdPerson);
      }
    }
  });

  /** Every string a source file's code holds (template literals by their parts), not its comments. */
  function stringsIn(source: string, fileName = 'source.ts'): string[] {
    const found: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        found.push(node.text);
      else if (ts.isTemplateExpression(node))
        found.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true));
    return found;
  }

  /** A source's words that name the own admin in the third person with no words for them. */
  const unaddressed = (source: string, fileName?: string) =>
    stringsIn(source, fileName).filter(
      (line) =>
        thirdPerson.test(line) &&
        thirdPerson.test(addressedToOwnAdmin({ fix: line, action: 'none' }).fix!),
    );

  /**
   * The sources of the words the own admin's pages address (onboarding's panels and notice, its
   * live check, /health's card): lib/failure's catalogues and translations, lib/entra's
   * catalogue, what the token service stores, and the health report's own advice.
   */
  const sources = [
    ...['lib/failure', 'lib/health', 'lib/tokens'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)),
    ),
    'lib/entra/catalogue.ts',
    'lib/partner-center/refusals.ts',
  ].filter((f) => /\.tsx?$/.test(f) && !/\.test(-support)?\.tsx?$/.test(f));

  it.each(sources)('every third-person word of %s', (file) => {
    expect(unaddressed(readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  it("reads the health report's advice, and fails a sentence with no words for its own admin", () => {
    expect(sources).toContain(join('lib/health', 'status.ts'));
    const status = stringsIn(readFileSync('lib/health/status.ts', 'utf8'));
    // The list of other sources' sentences is the health report's words as they are.
    for (const [theirs] of ownAdminWordsElsewhere)
      expect(
        status.some((line) => line.includes(theirs)),
        theirs,
      ).toBe(true);
    // A sentence reworded, or new, without its own admin's words is caught.
    expect(
      unaddressed(`const advice = { fix: 'An admin connects the tenant from onboarding.' };`),
    ).toEqual(['An admin connects the tenant from onboarding.']);
    expect(
      unaddressed("const fix = `Check it. The partner's admins can re-consent ${'now'}.`;"),
    ).toEqual(["Check it. The partner's admins can re-consent "]);
  });
});
