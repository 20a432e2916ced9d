import type { Clock } from './index';

/**
 * A clock tests move by hand: `advance` is real time passing (host and cloud alike), `jumpCloud`
 * is a test moving the emulator's clock (the cloud's only). Caches age on the host's clock
 * (Azure) or on the cloud's (`cacheOn: 'cloud'`, the local profile).
 */
export class ManualClock implements Clock {
  cloudOffsetMs = 0;
  syncs = 0;
  constructor(
    public hostMs = Date.UTC(2026, 0, 1),
    private readonly options: { cacheOn: 'host' | 'cloud' } = { cacheOn: 'host' },
  ) {}
  now = () => this.hostMs;
  cloudNow = () => this.hostMs + this.cloudOffsetMs;
  cacheNow = () => (this.options.cacheOn === 'cloud' ? this.cloudNow() : this.now());
  sync = async () => {
    this.syncs += 1;
  };
  advance(ms: number) {
    this.hostMs += ms;
  }
  jumpCloud(ms: number) {
    this.cloudOffsetMs += ms;
  }
}
