import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { composeMail, type MailBlock, type MailContent } from '../mail/templates';

/**
 * The mails of topic wishes: confirm a vote, confirm following, and the one mail to followers
 * when their wish is planned. Every sentence is a message from src/lib/i18n/messages/wishes.ts;
 * values are escaped in the HTML part. A mail goes out after the transaction that decided it and
 * is sent quietly, so a failed mail undoes nothing.
 */

/** The mail with the link that confirms a vote or starting to follow a wish. */
export function confirmLinkMail(
	kind: 'vote' | 'follow',
	locale: Locale,
	details: { wishTitle: string; seriesTitle: string; confirmUrl: string }
): MailContent {
	return composeMail(
		locale,
		`wishes.mail.${kind}.subject`,
		{ wish: details.wishTitle, series: details.seriesTitle },
		[
			{ kind: 'paragraph', key: `wishes.mail.${kind}.intro` },
			{ kind: 'link', labelKey: `wishes.mail.${kind}.link`, url: details.confirmUrl },
			{ kind: 'paragraph', key: 'wishes.mail.notExpected' }
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
	const blocks: MailBlock[] = details.meeting
		? [{ kind: 'paragraph', key: 'wishes.mail.planned.introMeeting' }]
		: [{ kind: 'paragraph', key: 'wishes.mail.planned.intro' }];
	if (details.meetingUrl)
		blocks.push({ kind: 'link', labelKey: 'wishes.mail.planned.meetingLink', url: details.meetingUrl });
	blocks.push({ kind: 'link', labelKey: 'wishes.mail.planned.wishLink', url: details.wishUrl });
	blocks.push({ kind: 'paragraph', key: 'wishes.mail.planned.once' });
	return composeMail(
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
