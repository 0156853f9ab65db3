import type { LinkRow } from '../../db/schema';
import { z } from 'zod';
import { isHttpUrl, parseWith, required, text } from './forms';
import { orderedList } from './ordered-list';

export const LINK_KINDS = ['video', 'read_more', 'other'] as const;

export const linkFormSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: 'edit_choice_invalid' }),
  title: required(200),
  url: text(2000).refine(isHttpUrl, { error: 'edit_url_invalid' }),
});
export type LinkField = keyof z.input<typeof linkFormSchema>;
export type LinkFormValues = Record<LinkField, string>;
export type LinkInput = z.output<typeof linkFormSchema>;
export const LINK_FIELDS = Object.keys(linkFormSchema.shape) as LinkField[];

export const parseLinkForm = (values: LinkFormValues) => parseWith<LinkField, typeof linkFormSchema>(linkFormSchema, values);
export const linkToForm = (l: LinkRow): LinkFormValues => ({ kind: l.kind, title: l.title, url: l.url });

/** The event page's links (video, read more, …), in the organiser's order. */
export const linkList = orderedList<'links', LinkInput>('links');
export const { list: listLinks, find: findLink, save: saveLink, remove: deleteLink } = linkList;
