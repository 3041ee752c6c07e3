/**
 * The metrics listener in-process: paced rendering (a scraper in a tight loop costs at most
 * one rendering per interval), and `:port` reachable over IPv4 and IPv6.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bindableAddress } from '../../src/server/listen.js';
import {
  createMetrics,
  pacedRenderer,
  serveMetrics,
  type Clock,
} from '../../src/server/metrics.js';

/** A clock that moves only when a wait is asked for: each wait jumps to its deadline. */
function fakeClock(): Clock & { readonly waits: number[] } {
  let now = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    wait: (ms) => {
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('pacedRenderer', () => {
  it('renders the first scrape at once and paces the ones after by the interval', async () => {
    const clock = fakeClock();
    let renderings = 0;
    const render = pacedRenderer(() => Promise.resolve(`rendering ${++renderings}`), 1000, clock);
    const sequential = [await render(), await render(), await render()];
    expect({ sequential, waits: clock.waits, now: clock.now() }).toEqual({
      sequential: ['rendering 1', 'rendering 2', 'rendering 3'],
      waits: [1000, 1000],
      now: 2000,
    });
  });

  it('gives scrapes that arrive together one shared rendering', async () => {
    const clock = fakeClock();
    let renderings = 0;
    const render = pacedRenderer(() => Promise.resolve(`rendering ${++renderings}`), 1000, clock);
    await render();
    const together = await Promise.all([render(), render(), render()]);
    expect({ together, renderings }).toEqual({
      together: ['rendering 2', 'rendering 2', 'rendering 2'],
      renderings: 2,
    });
  });

  it('does not wait when the last rendering is older than the interval', async () => {
    const clock = fakeClock();
    const render = pacedRenderer(() => Promise.resolve('text'), 1000, clock);
    await render();
    await clock.wait(5000);
    await render();
    expect(clock.waits).toEqual([5000]);
  });

  it('passes a failed rendering on, and renders again on the next scrape', async () => {
    const clock = fakeClock();
    let calls = 0;
    const render = pacedRenderer(
      () => (++calls === 1 ? Promise.reject(new Error('collector broke')) : Promise.resolve('ok')),
      1000,
      clock,
    );
    const first = await render().catch((error: unknown) => String(error));
    expect({ first, second: await render() }).toEqual({
      first: 'Error: collector broke',
      second: 'ok',
    });
  });
});

describe('serveMetrics', () => {
  it('serves /metrics on `:port` over IPv4 and IPv6, and 404 elsewhere', async () => {
    const metrics = createMetrics();
    metrics.recordRequest('ok', 0.002, ['warning']);
    const server = await serveMetrics(
      metrics.registry,
      bindableAddress({ host: '', port: 0 }, true),
      0,
    );
    const { port } = server.address() as AddressInfo;
    try {
      const scrape = async (host: string, path: string) => {
        const response = await fetch(`http://${host}:${port}${path}`);
        const lines = (await response.text())
          .split('\n')
          .filter((line) => line.startsWith('function_run_function_requests_total'));
        return { host, path, status: response.status, lines };
      };
      expect(
        await Promise.all([
          scrape('127.0.0.1', '/metrics'),
          scrape('[::1]', '/metrics'),
          scrape('127.0.0.1', '/other'),
        ]),
      ).toEqual([
        ...['127.0.0.1', '[::1]'].map((host) => ({
          host,
          path: '/metrics',
          status: 200,
          lines: [
            'function_run_function_requests_total{outcome="ok"} 1',
            'function_run_function_requests_total{outcome="fatal"} 0',
            'function_run_function_requests_total{outcome="error"} 0',
          ],
        })),
        { host: '127.0.0.1', path: '/other', status: 404, lines: [] },
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
