import { admin } from './messages/admin';
import { agenda } from './messages/agenda';
import { api } from './messages/api';
import { auth } from './messages/auth';
import { core } from './messages/core';
import { documentation } from './messages/documentation';
import { exchange } from './messages/exchange';
import { live } from './messages/live';
import { meeting } from './messages/meeting';
import { moderators } from './messages/moderators';
import { networks } from './messages/networks';
import { polls } from './messages/polls';
import { registration } from './messages/registration';
import { registrationsAdmin } from './messages/registrations-admin';
import { series } from './messages/series';
import { wishes } from './messages/wishes';
import { goodPractice } from './messages/good-practice';
import { breakouts } from './messages/breakouts';
import { breakoutsSynthesis } from './messages/breakouts-synthesis';
import { registrationLifecycle } from './messages/registration-lifecycle';
import { errors } from './messages/errors';
import { breakoutsLive } from './messages/breakouts-live';

export const locales = ['de', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'de';

// Each area keeps its own file so that the catalogue can grow without everyone editing one file.
const areas = [
	core,
	auth,
	series,
	meeting,
	agenda,
	exchange,
	admin,
	api,
	documentation,
	registrationsAdmin,
	registration,
	live,
	moderators,
	polls,
	wishes,
	goodPractice,
	networks,
	breakouts,
	breakoutsSynthesis,
	registrationLifecycle,
	errors,
	breakoutsLive
] as const;
type Area = (typeof areas)[number];
type KeysOf<A> = A extends { de: infer German } ? keyof German : never;
export type MessageKey = KeysOf<Area> & string;

export type MessageParams = Record<string, string | number>;
/** A message to show later, in whatever language the reader has: a key with its parameters. */
export interface Message {
	key: MessageKey;
	params?: MessageParams;
}

const catalogs: Record<Locale, Record<string, string>> = {
	de: Object.assign({}, ...areas.map((area) => area.de)) as Record<string, string>,
	en: Object.assign({}, ...areas.map((area) => area.en)) as Record<string, string>
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Looks up a whole message and fills in its `{name}` parameters. Sentences are never glued
 * together from fragments: every sentence is one message with parameters.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
	const template = catalogs[locale][key] ?? catalogs[defaultLocale][key] ?? key;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

export function translateMessage(locale: Locale, message: Message): string {
	return translate(locale, message.key, message.params);
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(locale: Locale): Translate {
	return (key, params) => translate(locale, key, params);
}

/** All keys, for the test that both languages are complete and non-empty. */
export function allMessageKeys(): MessageKey[] {
	return Object.keys(catalogs.de) as MessageKey[];
}

export function catalogFor(locale: Locale): Readonly<Record<string, string>> {
	return catalogs[locale];
}
