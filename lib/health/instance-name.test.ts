import { describe, expect, it } from 'vitest';
import { instanceName } from './instance-name';

const host = () => 'a1b2c3d4e5f6';

describe("this instance's name in the shared probe history", () => {
  it("is App Service's instance id where App Service runs it, not the host name", () => {
    const id = '3f5d0c9e7a1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d';
    expect(instanceName({ WEBSITE_INSTANCE_ID: id }, host, 42)).toBe('3f5d0c9e7a1b/42');
    // Two instances of one plan: different ids, different names, whatever their host names.
    const other = '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b';
    expect(instanceName({ WEBSITE_INSTANCE_ID: other }, host, 42)).not.toBe(
      instanceName({ WEBSITE_INSTANCE_ID: id }, host, 42),
    );
  });

  it("is the replica's name on Container Apps", () => {
    expect(
      instanceName({ CONTAINER_APP_REPLICA_NAME: 'portal--rev3-6d9f8c7b5-x2k4q' }, host, 1),
    ).toBe('portal--rev3-6d9f8c7b5-x2k4q/1');
  });

  it('is the host name elsewhere, and the process id tells apart processes on one host', () => {
    expect(instanceName({}, host, 1)).toBe('a1b2c3d4e5f6/1');
    expect(instanceName({ WEBSITE_INSTANCE_ID: '  ' }, host, 2)).toBe('a1b2c3d4e5f6/2');
  });
});
