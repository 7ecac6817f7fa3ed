import { getContext, setContext } from 'svelte';
import { translate, type Locale, type Translate } from './translate';

const KEY = Symbol('i18n');

/** Called once by the root layout with a getter, so that components follow the current locale. */
export function setI18n(getLocale: () => Locale): void {
	setContext(KEY, getLocale);
}

/** In a component's script: `const t = useT();` then `{t('nav.home')}` in the markup. */
export function useT(): Translate {
	const getLocale = getContext<(() => Locale) | undefined>(KEY);
	return (key, params) => translate(getLocale?.() ?? 'de', key, params);
}

export function useLocale(): () => Locale {
	return getContext<(() => Locale) | undefined>(KEY) ?? (() => 'de');
}
