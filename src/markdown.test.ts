import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders lists, emphasis and links', () => {
    const html = renderMarkdown('Målet med konferansen er å:\n\n- Bli kjent\n- **Bygge** nettverk\n\n[Les mer](https://www.regjeringen.no/)');
    expect(html).toContain('<li>Bli kjent</li>');
    expect(html).toContain('<strong>Bygge</strong>');
    expect(html).toContain('<a href="https://www.regjeringen.no/" rel="noopener noreferrer">Les mer</a>');
  });
  it('turns raw HTML into text and drops script links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [klikk](javascript:alert(1))');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
