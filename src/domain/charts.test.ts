import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { columnChart, horizontalBarChart } from './charts';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;

describe('charts', () => {
  it('draws one labelled horizontal bar per entry, longest for the largest value, as an image with title and description', () => {
    const svg = horizontalBarChart({ id: 'orgs', title: 'Per virksomhet', desc: 'Nav <12>' }, [
      { label: 'Nav & co', value: 12 },
      { label: 'NHO', value: 3 },
      { label: 'Ingen', value: 0 },
    ]);
    const doc = parse(svg);
    const root = doc.querySelector('svg')!;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-labelledby')).toBe('orgs-title orgs-desc');
    expect(doc.getElementById('orgs-title')!.textContent).toBe('Per virksomhet');
    expect(doc.getElementById('orgs-desc')!.textContent).toBe('Nav <12>');
    const bars = [...doc.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('width')));
    expect(bars).toHaveLength(3);
    expect(bars[0]).toBeGreaterThan(bars[1]!);
    expect(bars[2]).toBe(0);
    expect([...doc.querySelectorAll('text')].map((x) => x.textContent)).toContain('Nav & co');
    expect(svg).not.toContain('<12>');
  });

  it('draws one column per day, heights in proportion', () => {
    const doc = parse(columnChart({ id: 'days', title: 'Per dag', desc: '' }, [1, 4, 0, 2].map((value, i) => ({ label: `${i + 1}.`, value }))));
    const heights = [...doc.querySelectorAll('rect.bar')].map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(4);
    expect(heights[1]).toBe(heights[0]! * 4);
    expect(heights[2]).toBe(0);
  });
});
