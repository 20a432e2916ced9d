import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DisconnectForm } from '@/components/onboarding/disconnect-form';

const form = (retype: boolean) =>
  renderToStaticMarkup(createElement(DisconnectForm, { partner: 'Contoso Partner', retype }));
const field = (html: string) => /<input[^>]*name="confirm"[^>]*>/.exec(html)?.[0] ?? '';

describe('the disconnect form', () => {
  it('asks for the word, its field unmarked, on a first visit', () => {
    const html = form(false);
    expect(field(html)).not.toContain('aria-invalid');
    expect(field(html)).not.toContain('autofocus');
    expect(html).not.toContain('data-testid="disconnect-retype"');
  });

  // Back from a submit confirmed with another word: the field says what to fix, beside it.
  it('marks its field and says why after another word was typed, without showing it again', () => {
    const html = form(true);
    const input = field(html);
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('autofocus');
    const described = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(described).toBeTruthy();
    const message = new RegExp(`<p id="${described}"[^>]*>(.*?)</p>`).exec(html)?.[1] ?? '';
    expect(message.replace(/<[^>]+>/g, '')).toBe(
      'You typed another word, so nothing was disconnected. Type disconnect to confirm.',
    );
    expect(input).not.toContain('value=');
  });
});
