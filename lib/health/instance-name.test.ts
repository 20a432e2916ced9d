import { describe, expect, it } from 'vitest';
import { instanceName } from './instance-name';

const id = '3f5d0c9e7a1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d';

describe("this instance's name in the shared probe history", () => {
  it("starts with App Service's instance id where App Service runs it", () => {
    expect(instanceName({ WEBSITE_INSTANCE_ID: id }, () => 'a1b2c3d4e5f6', 1)).toBe(
      '3f5d0c9e7a1b/a1b2c3d4e5f6/1',
    );
  });

  it('tells apart two containers on one App Service instance, both process 1 (a warm-up)', () => {
    const old = instanceName({ WEBSITE_INSTANCE_ID: id }, () => 'a1b2c3d4e5f6', 1);
    const warmingUp = instanceName({ WEBSITE_INSTANCE_ID: id }, () => '9f8e7d6c5b4a', 1);
    expect(warmingUp).not.toBe(old);
  });

  it("is the replica's name on Container Apps, where it is the host name too", () => {
    const replica = 'portal--rev3-6d9f8c7b5-x2k4q';
    expect(instanceName({ CONTAINER_APP_REPLICA_NAME: replica }, () => replica, 1)).toBe(
      `${replica}/1`,
    );
  });

  it('is the host name elsewhere, and the process id tells apart processes on one host', () => {
    expect(instanceName({}, () => 'build-agent', 4242)).toBe('build-agent/4242');
    expect(instanceName({ WEBSITE_INSTANCE_ID: '  ' }, () => 'build-agent', 4243)).toBe(
      'build-agent/4243',
    );
  });
});
