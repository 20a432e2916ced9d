import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectionBanner } from '@/components/onboarding/connection-banner';
import { OnboardingSkeleton } from '@/components/onboarding/skeletons';
import type { TenantHealth } from '@/lib/health/types';
import type { ConnectionStatus } from './status';

/**
 * The connection notice under /onboarding's step bar and the place its loading state keeps for
 * it, read from their Tailwind classes at a viewport width: how many lines of sentence the place
 * draws, and whether the link sits on a line of its own. Which lines a sentence takes is the
 * browser's (font and width); the place follows what they are, measured in the test browser's
 * DejaVu Sans at 14 px: from 768 px the notice has 686 px inside (main's px-6, its border and
 * p-4), and "not connected" is 617 px, the disconnected sentence 752 px, the connected one 425
 * px and the consenting account's address.
 */

const breakpoints = [
  ['sm', 640],
  ['md', 768],
  ['lg', 1024],
  ['xl', 1280],
] as const;

/** The utility a class list applies at `width` among those `matching`: the widest breakpoint's. */
function appliedAt(classes: string[], width: number, matching: RegExp): string | undefined {
  let applied = classes.find((c) => matching.test(c));
  for (const [prefix, min] of breakpoints) {
    if (width < min) break;
    const at = classes.find(
      (c) => c.startsWith(`${prefix}:`) && matching.test(c.slice(prefix.length + 1)),
    );
    if (at) applied = at.slice(prefix.length + 1);
  }
  return applied;
}

const classesOf = (tag: string) => /class="([^"]*)"/.exec(tag)?.[1]?.split(/\s+/) ?? [];
const shownAt = (classes: string[], width: number) =>
  appliedAt(classes, width, /^(hidden|block|flex|grid|inline|inline-block)$/) !== 'hidden';
/** The sentence takes its row's whole width, so the link wraps to the line under it. */
const linkOwnLineAt = (sentence: string[], width: number) =>
  appliedAt(sentence, width, /^basis-/) === 'basis-full';

/** The loading state's notice at `width`: its lines of sentence, and where its link goes. */
function placeKept(width: number): { sentenceLines: number; linkOwnLine: boolean } {
  const html = renderToStaticMarkup(createElement(OnboardingSkeleton));
  const row = /<\/header>([\s\S]*?)<section/.exec(html)?.[1] ?? '';
  const column = /^<div[^>]*><div([^>]*)>([\s\S]*?)<\/div><div[^>]*><\/div><\/div>$/.exec(row);
  expect(column, "the place's sentence column, then its link").not.toBeNull();
  const lines = [...column![2]!.matchAll(/<div[^>]*>/g)].map((m) => classesOf(m[0]));
  expect(lines.length).toBeGreaterThan(0);
  return {
    sentenceLines: lines.filter((line) => shownAt(line, width)).length,
    linkOwnLine: linkOwnLineAt(classesOf(column![1]!), width),
  };
}

const version = {
  version: 'v1',
  createdAt: '2026-01-02T03:04:05.000Z',
  mintedBy: 'admin@contoso.onmicrosoft.com',
  mfa: true,
  purpose: 'consent' as const,
  current: true,
};
const connected: ConnectionStatus = {
  state: 'connected',
  secretName: 'sam-refresh-token-8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
  current: version,
  history: [version],
  liveCheck: null,
};
const notConnected: ConnectionStatus = {
  state: 'not-connected',
  secretName: 'sam-refresh-token-8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11',
};
const healthy = { status: 'healthy' } as TenantHealth;

/** The classes of the notice's sentence, the first thing in its row. */
function noticeSentence(props: Omit<Parameters<typeof ConnectionBanner>[0], 'reader'>): string[] {
  const html = renderToStaticMarkup(
    createElement(ConnectionBanner, { reader: 'partner', ...props }),
  );
  const sentence = /^<div[^>]*><p([^>]*)>/.exec(html);
  expect(sentence, 'the notice opens with its sentence').not.toBeNull();
  return classesOf(sentence![1]!);
}

describe("the place /onboarding's loading state keeps for the connection notice", () => {
  // At 768-1023 px two lines of sentence were kept above the link's, where the sentence takes
  // one: the notice arrived 20 px shorter than its place, and the step cards jumped up.
  it('is one line of sentence and the link under it on a tablet (md), as the notice is there', () => {
    for (const width of [768, 900, 1023])
      expect(placeKept(width), `at ${width} px`).toEqual({ sentenceLines: 1, linkOwnLine: true });
  });

  it('is as before elsewhere: three lines on a phone, two on a small tablet, one row when wide', () => {
    expect(placeKept(390)).toEqual({ sentenceLines: 3, linkOwnLine: true });
    expect(placeKept(700)).toEqual({ sentenceLines: 2, linkOwnLine: true });
    expect(placeKept(1024)).toEqual({ sentenceLines: 1, linkOwnLine: false });
    expect(placeKept(1366)).toEqual({ sentenceLines: 1, linkOwnLine: false });
  });
});

describe("the connection notice's link on a tablet", () => {
  // "Connect below" came up beside the not-connected sentence from 848 px (914 px for "See why
  // Connect waits"): a notice of one line, 24 px shorter than its place, at some tablet widths.
  it.each([
    ['not connected', { connection: notConnected, health: null }],
    ['not connected, a check failed', { connection: notConnected, health: null, blocked: true }],
    [
      'just disconnected',
      {
        connection: notConnected,
        health: null,
        justDisconnected: true,
      },
    ],
    ['connected', { connection: connected, health: healthy }],
  ])('%s: on the line under the sentence below lg, as the place kept for it', (_state, props) => {
    const sentence = noticeSentence(props);
    for (const width of [390, 700, 768, 900, 1023]) {
      expect(linkOwnLineAt(sentence, width), `at ${width} px`).toBe(true);
      expect(linkOwnLineAt(sentence, width)).toBe(placeKept(width).linkOwnLine);
    }
    // Wide, beside the sentence when they fit.
    expect(linkOwnLineAt(sentence, 1024)).toBe(false);
  });
});
