import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

/**
 * Onboarding's loading states render on their own, as e2e/loading-states.spec.ts renders them
 * (outside Next, where next/link cannot load): the import of a button component beside the
 * shared parts would break that spec, and only there, so it is caught here first.
 */
vi.mock('next/link', () => {
  throw new Error('a loading state imported next/link');
});

describe("onboarding's loading states", () => {
  it.each([
    ['/onboarding', '@/app/onboarding/loading'],
    ['/onboarding/result', '@/app/onboarding/result/loading'],
  ])('%s renders without next/link', async (_route, path) => {
    const { default: Loading } = (await import(/* @vite-ignore */ path)) as {
      default: ComponentType;
    };
    expect(renderToStaticMarkup(createElement(Loading))).toContain('aria-busy="true"');
  });
});
