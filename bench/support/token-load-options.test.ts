import { describe, expect, it } from 'vitest';
import { readTokenLoadOptions } from './token-load-options';

describe('the token benches’ options', () => {
  it('default to 1,000 requests over 8 hours, 10 at a time', () => {
    expect(readTokenLoadOptions([])).toEqual({ requests: 1000, hours: 8, concurrency: 10 });
  });

  it('read each option', () => {
    expect(
      readTokenLoadOptions(['--requests', '200', '--hours', '0.5', '--concurrency', '4']),
    ).toEqual({ requests: 200, hours: 0.5, concurrency: 4 });
  });

  it('stop on a value that would send nothing, naming the option', () => {
    expect(() => readTokenLoadOptions(['--requests', 'many'])).toThrow(/--requests/);
    expect(() => readTokenLoadOptions(['--concurrency', '0'])).toThrow(/--concurrency/);
    expect(() => readTokenLoadOptions(['--hours', '-1'])).toThrow(/--hours/);
    expect(() => readTokenLoadOptions(['--rounds', '3'])).toThrow(/rounds/);
  });
});
