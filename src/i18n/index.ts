import * as admin from './admin';
import * as adminParticipants from './admin-participants';
import * as adminEvents from './admin-events';
import * as adminFiles from './admin-files';
import * as adminApi from './admin-api';
import * as adminAnonymise from './admin-anonymise';
import * as adminBackup from './admin-backup';
import * as adminMail from './admin-mail';
import * as adminAccount from './admin-account';
import * as calendar from './calendar';
import * as common from './common';
import * as registration from './registration';
import * as unsubscribe from './unsubscribe';

export const LANGS = ['nb', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A dictionary with the same keys as bokmål's, so no text can be missing in English. */
export type Dictionary<T> = { readonly [K in keyof T]: string };

const dictionaries = {
  nb: { ...common.nb, ...calendar.nb, ...registration.nb, ...admin.nb, ...adminEvents.nb, ...adminFiles.nb, ...adminApi.nb, ...adminParticipants.nb, ...adminAnonymise.nb, ...adminMail.nb, ...adminAccount.nb, ...unsubscribe.nb, ...adminBackup.nb },
  en: { ...common.en, ...calendar.en, ...registration.en, ...admin.en, ...adminEvents.en, ...adminFiles.en, ...adminApi.en, ...adminParticipants.en, ...adminAnonymise.en, ...adminMail.en, ...adminAccount.en, ...unsubscribe.en, ...adminBackup.en },
} satisfies Record<Lang, Dictionary<typeof common.nb>>;

export type MessageKey = keyof (typeof dictionaries)['nb'];

/** Every key, for tests that look at all texts. */
export const MESSAGE_KEYS = Object.keys(dictionaries.nb) as MessageKey[];
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLang(value: unknown): value is Lang {
  return value === 'nb' || value === 'en';
}

/**
 * A translator for one language; `{name}` in a text is replaced by `params.name`, and
 * `{name, plural, one {# thing} other {# things}}` picks the form `Intl.PluralRules` gives for the number (`#` is the
 * number; `=0 {…}` matches exactly).
 * @example translator('en')('event_places_left', { count: 1 }) // '1 place left'
 */
export function translator(lang: Lang): Translate {
  return translators[lang];
}

// One level of braces inside a form, so a form may hold `{name}` placeholders.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

function makeTranslator(lang: Lang): Translate {
  const dict: Record<string, string> = dictionaries[lang];
  const rules = new Intl.PluralRules(lang);
  const plural = (forms: string, value: string | number | undefined, whole: string) => {
    if (value === undefined) return whole;
    const chosen = new Map([...forms.matchAll(FORM)].map((m) => [m[1]!, m[2]!]));
    // No number (a column heading made from the text): the general form.
    const n = value === '' ? Number.NaN : Number(value);
    const form = chosen.get(`=${n}`) ?? (Number.isNaN(n) ? undefined : chosen.get(rules.select(n))) ?? chosen.get('other') ?? '';
    return form.replace(/#/g, String(value));
  };
  return (key, params) => {
    const text = dict[key] ?? key;
    if (!params) return text;
    return text
      .replace(PLURAL, (whole, name: string, forms: string) => plural(forms, params[name], whole))
      .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

// Made once: every request asks for one.
const translators: Record<Lang, Translate> = { nb: makeTranslator('nb'), en: makeTranslator('en') };

/**
 * The visitor's language: an explicit `?lang=`, then the remembered cookie, then Accept-Language, then bokmål.
 * Norwegian in any written form (nb, no, nn) reads bokmål.
 */
export function pickLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.map((r) => /^\s*q=([\d.]+)/.exec(r)?.[1]).find(Boolean);
        return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
      })
      .filter((r) => r.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const { tag } of ranked) {
      const primary = tag.split('-')[0];
      if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
      if (primary === 'en') return 'en';
    }
  }
  return 'nb';
}
