import { encode } from 'uqr';

/**
 * A QR code as an SVG image: one path of dark modules with a quiet zone, colours as attributes (no inline style, so a
 * strict Content-Security-Policy allows it). Pure JavaScript, so it renders on Workers too.
 * @example qrSvg('otpauth://totp/…', 'QR code for the authenticator app')
 */
export function qrSvg(text: string, label: string, pixels = 220): string {
  // Four modules of quiet zone, as ISO/IEC 18004 asks; uqr's border adds them to the matrix.
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escaped}" width="${pixels}" height="${pixels}" ` +
    `viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path fill="#000" d="${path}"/></svg>`
  );
}
