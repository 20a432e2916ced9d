import { describe, expect, it } from 'vitest';
import { gate } from './fakes.test-support';
import { createTenantQueue } from './tenant-queue';

const contoso = '8f0c6a52-3b8e-4a77-9d1b-1c2f6a4e0b11';
const fabrikam = '2b7d9e14-6c3a-4f58-8e20-5a9b7c1d3e22';

describe('the per-tenant queue', () => {
  it("runs a tenant's work one piece at a time, in order, past a failure; tenants apart", async () => {
    const queue = createTenantQueue();
    const held = gate();
    const log: string[] = [];
    const first = queue.run(contoso, async () => {
      log.push('first starts');
      await held.promise;
      log.push('first ends');
      throw new Error('vault down');
    });
    const second = queue.run(contoso, async () => void log.push('second'));
    await queue.run(fabrikam, async () => void log.push('other tenant'));
    expect(log).toEqual(['first starts', 'other tenant']);
    held.open();
    await expect(first).rejects.toThrow('vault down');
    await second;
    expect(log).toEqual(['first starts', 'other tenant', 'first ends', 'second']);
  });
});
