import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';

describe('splitLinks', () => {
  it('sets apart the https addresses of a step, without the bracket or full stop after them', () => {
    expect(
      splitLinks(
        "Sign in to Microsoft's security info page (https://aka.ms/mfasetup) and add a method. See https://learn.microsoft.com/entra.",
      ),
    ).toEqual([
      { text: "Sign in to Microsoft's security info page (" },
      { href: 'https://aka.ms/mfasetup' },
      { text: ') and add a method. See ' },
      { href: 'https://learn.microsoft.com/entra' },
      { text: '.' },
    ]);
  });

  it('leaves the quotes around an address, and a final question or exclamation mark, out of it', () => {
    expect(splitLinks('Open "https://aka.ms/mfasetup", then ‘https://aka.ms/sspr’?')).toEqual([
      { text: 'Open "' },
      { href: 'https://aka.ms/mfasetup' },
      { text: '", then ‘' },
      { href: 'https://aka.ms/sspr' },
      { text: '’?' },
    ]);
  });

  it('leaves text without an https address, and http ones, as text', () => {
    expect(splitLinks('Re-consent in onboarding.')).toEqual([
      { text: 'Re-consent in onboarding.' },
    ]);
    expect(splitLinks('Check http://localhost:3100 first')).toEqual([
      { text: 'Check http://localhost:3100 first' },
    ]);
  });
});
