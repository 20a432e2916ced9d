import { afterEach, describe, expect, it, vi } from 'vitest';
import { portalAllocatorEnv, portalNodeFlags, portalServerCommand } from './processes';

describe('portalServerCommand', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('runs the standalone server on the Node.js running this, with the V8 settings and allocator of the image', () => {
    vi.stubEnv('PORTAL_NODE', '');
    const server = portalServerCommand(3000);
    expect(server.command).toBe(process.execPath);
    expect(server.args.slice(0, -1)).toEqual([...portalNodeFlags]);
    expect(server.args.at(-1)).toMatch(/standalone-app[\\/]server\.js$/);
    expect(server.env).toEqual({ MALLOC_ARENA_MAX: '2', PORT: '3000', HOSTNAME: '127.0.0.1' });
    expect(portalAllocatorEnv).toEqual({ MALLOC_ARENA_MAX: '2' });
  });

  it('runs it on the binary PORTAL_NODE names, to test or measure another runtime', () => {
    vi.stubEnv('PORTAL_NODE', '/opt/node-24/bin/node');
    const server = portalServerCommand(3000);
    expect(server.command).toBe('/opt/node-24/bin/node');
    expect(server.args.slice(0, -1)).toEqual([...portalNodeFlags]);
  });

  it('runs another standalone server the same way (the bench measures a bare Next.js app beside the portal)', () => {
    vi.stubEnv('PORTAL_NODE', '');
    const server = portalServerCommand(3181, '/srv/floor/server.js');
    expect(server.args).toEqual([...portalNodeFlags, '/srv/floor/server.js']);
    expect(server.env).toEqual({ ...portalAllocatorEnv, PORT: '3181', HOSTNAME: '127.0.0.1' });
  });
});
