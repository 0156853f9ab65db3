import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('serves the home page', async () => {
  const res = await SELF.fetch('http://localhost:8801/');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Flere inn');
});
