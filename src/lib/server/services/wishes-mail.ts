import type { Kysely } from 'kysely';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { sendAndLog, type Mailer } from '../mail/mailer';
import type { MailContent } from '../mail/templates';

/**
 * The mails of topic wishes: confirm a vote, confirm following, and the one mail to followers
 * when their wish is planned. Every sentence is a message from src/lib/i18n/messages/wishes.ts;
 * values are escaped in the HTML part. A mail goes out after the transaction that decided it and
 * is sent quietly, so a failed mail undoes nothing.
 */
type Block = { paragraph: MessageKey } | { label: MessageKey; url: string };

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

function compose(
	locale: Locale,
	subjectKey: MessageKey,
	params: MessageParams,
	blocks: Block[]
): MailContent {
	const t = (key: MessageKey) => translate(locale, key, params);
	const text: string[] = [];
	const html: string[] = [];
	for (const block of blocks) {
		if ('paragraph' in block) {
			text.push(t(block.paragraph));
			html.push(`<p>${escapeHtml(t(block.paragraph))}</p>`);
		} else {
			text.push(`${t(block.label)}:\n${block.url}`);
			html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(t(block.label))}</a></p>`);
		}
	}
	const signature = t('mail.signatureApp');
	text.push('--', signature);
	html.push(`<p>--<br>${escapeHtml(signature)}</p>`);
	const subject = t(subjectKey);
	return {
		subject,
		text: `${text.join('\n\n')}\n`,
		html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html.join('\n')}</body></html>`
	};
}

export function confirmVoteMail(
	locale: Locale,
	details: { wishTitle: string; seriesTitle: string; confirmUrl: string }
): MailContent {
	return compose(
		locale,
		'wishes.mail.vote.subject',
		{ wish: details.wishTitle, series: details.seriesTitle },
		[
			{ paragraph: 'wishes.mail.vote.intro' },
			{ label: 'wishes.mail.vote.link', url: details.confirmUrl },
			{ paragraph: 'wishes.mail.notExpected' }
		]
	);
}

export function confirmFollowMail(
	locale: Locale,
	details: { wishTitle: string; seriesTitle: string; confirmUrl: string }
): MailContent {
	return compose(
		locale,
		'wishes.mail.follow.subject',
		{ wish: details.wishTitle, series: details.seriesTitle },
		[
			{ paragraph: 'wishes.mail.follow.intro' },
			{ label: 'wishes.mail.follow.link', url: details.confirmUrl },
			{ paragraph: 'wishes.mail.notExpected' }
		]
	);
}

export function wishPlannedMail(
	locale: Locale,
	details: {
		wishTitle: string;
		seriesTitle: string;
		meeting: string | null;
		meetingUrl: string | null;
		wishUrl: string;
	}
): MailContent {
	const blocks: Block[] = details.meeting
		? [{ paragraph: 'wishes.mail.planned.introMeeting' }]
		: [{ paragraph: 'wishes.mail.planned.intro' }];
	if (details.meetingUrl) blocks.push({ label: 'wishes.mail.planned.meetingLink', url: details.meetingUrl });
	blocks.push({ label: 'wishes.mail.planned.wishLink', url: details.wishUrl });
	blocks.push({ paragraph: 'wishes.mail.planned.once' });
	return compose(
		locale,
		'wishes.mail.planned.subject',
		{ wish: details.wishTitle, series: details.seriesTitle, meeting: details.meeting ?? '' },
		blocks
	);
}

/** Sends and logs one wish mail; a failure is logged, not thrown (the decision stands). */
export async function sendQuietly(
	db: Kysely<Database>,
	mailer: Mailer,
	mail: Parameters<typeof sendAndLog>[2]
): Promise<boolean> {
	try {
		await sendAndLog(db, mailer, mail);
		return true;
	} catch (error) {
		logger.error({ err: error, kind: mail.kind }, 'topic wish mail could not be sent');
		return false;
	}
}
