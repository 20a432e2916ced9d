import { afterEach, describe, expect, it, vi } from 'vitest';
import { portalHeapFlags, portalServerCommand } from './processes';

describe('portalServerCommand', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('runs the standalone server on the Node.js running this, with the heap bounds of the image', () => {
    vi.stubEnv('PORTAL_NODE', '');
    const server = portalServerCommand(3000);
    expect(server.command).toBe(process.execPath);
    expect(server.args.slice(0, -1)).toEqual([...portalHeapFlags]);
    expect(server.args.at(-1)).toMatch(/standalone-app[\\/]server\.js$/);
    expect(server.env).toEqual({ PORT: '3000', HOSTNAME: '127.0.0.1' });
  });

  it('runs it on the binary PORTAL_NODE names, to test or measure another runtime', () => {
    vi.stubEnv('PORTAL_NODE', '/opt/node-24/bin/node');
    const server = portalServerCommand(3000);
    expect(server.command).toBe('/opt/node-24/bin/node');
    expect(server.args.slice(0, -1)).toEqual([...portalHeapFlags]);
  });
});
