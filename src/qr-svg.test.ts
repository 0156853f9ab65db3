import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { otpauthUri } from './domain/totp';
import { qrSvg } from './qr-svg';

/** Paints the SVG's modules (its "Mx yh1v1h-1z" squares) into RGBA pixels, as a camera would see the screen. */
function rasterise(svg: string, scale = 4) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  const d = /<path fill="#000" d="([^"]*)"/.exec(svg)![1]!;
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return { pixels, width };
}

describe('qrSvg', () => {
  it('draws a QR code a reader decodes back to the otpauth URI, labelled for screen readers', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'kari@fylke.no', 'Samling (samling.example.no)');
    const svg = qrSvg(uri, 'QR code "for" <the app>');
    expect(svg).toContain('role="img" aria-label="QR code &quot;for&quot; &lt;the app>"');
    expect(svg).not.toContain('style=');
    const { pixels, width } = rasterise(svg);
    expect(jsQR(pixels, width, width)?.data).toBe(uri);
  });
});
