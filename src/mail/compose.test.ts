import { describe, expect, it } from 'vitest';
import { renderMail } from './compose';

const event = {
  slug: 'flere-inn-i-arbeidslivet',
  title: 'Flere inn i <arbeidslivet>',
  starts_at: '2022-09-15T07:30:00.000Z',
  ends_at: '2022-09-15T13:30:00.000Z',
  time_zone: 'Europe/Oslo',
  venue_name: 'Scandic Hamar',
  venue_address: null,
  online_url: null,
  organiser_name: 'Innlandet fylkeskommune',
};
const base = { event, name: 'Kari <b>Nordmann</b>', baseUrl: 'https://samling.example', manageUrl: 'https://samling.example/registrations/abc' };

describe('renderMail', () => {
  it('writes the confirmation in the participant’s language with time, place and the manage link', () => {
    const nb = renderMail({ ...base, kind: 'confirmation', lang: 'nb' });
    expect(nb.subject).toBe('Påmeldt: Flere inn i <arbeidslivet>');
    expect(nb.text).toContain('Hei Kari <b>Nordmann</b>,');
    expect(nb.text).toContain('Tid: 15. september 2022, kl. 09.30–15.30');
    expect(nb.text).toContain('Sted: Scandic Hamar');
    expect(nb.text).toContain('Se, endre eller meld deg av: https://samling.example/registrations/abc');
    const en = renderMail({ ...base, kind: 'confirmation', lang: 'en' });
    expect(en.subject).toBe('Registered: Flere inn i <arbeidslivet>');
    expect(en.text).toContain('When: 15 September 2022, 09:30–15:30');
    expect(en.html).toContain('<html lang="en">');
  });

  it('escapes what people typed in the HTML part', () => {
    const { html } = renderMail({ ...base, kind: 'confirmation', lang: 'nb' });
    expect(html).not.toContain('<b>Nordmann</b>');
    expect(html).toContain('Kari &lt;b&gt;Nordmann&lt;/b&gt;');
    expect(html).toContain('Flere inn i &lt;arbeidslivet&gt;');
  });

  it('tells the place on the waiting list, and points to the earlier link where it has none', () => {
    expect(renderMail({ ...base, kind: 'waitlisted', lang: 'nb', position: 3 }).text).toContain('Du står som nr. 3 på ventelisten.');
    const promoted = renderMail({ ...base, manageUrl: null, kind: 'promoted', lang: 'nb' });
    expect(promoted.subject).toBe('Du har fått plass: Flere inn i <arbeidslivet>');
    expect(promoted.text).toContain('bruk lenken i bekreftelsen');
    // A cancellation does not invite changes.
    expect(renderMail({ ...base, kind: 'cancelled', lang: 'nb' }).text).not.toContain('/registrations/');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    expect(renderMail({ ...base, event: { ...event, title: 'A\r\nBcc: x@y.no' }, kind: 'reminder', lang: 'en' }).subject).toBe('Reminder: A Bcc: x@y.no');
  });
});
