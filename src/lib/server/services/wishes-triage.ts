import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkMeetingTimes, TIME_PATTERN } from '../../domain/agenda-timing';
import { conflict, notFound, problem, validationFailed } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import type { Actor } from '../../domain/policy';
import {
	checkTriage,
	compareWishes,
	nextStatuses,
	wishStatuses,
	type WishStatus
} from '../../domain/wishes/rules';
import { parseOrThrow } from '../../domain/zod-problems';
import { isLocale, type Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { Mailer } from '../mail/mailer';
import { lockMeeting } from '../repositories/meeting-lookup';
import * as meetingsRepo from '../repositories/meetings';
import type { SeriesRecord } from '../repositories/series';
import * as repo from '../repositories/wishes';
import * as votesRepo from '../repositories/wishes-votes';
import { DEFAULT_TIME_ZONE } from './meetings';
import { optionalText, requireManagedSeries } from './series';
import { seriesHeader, toWishView, wishUrl, type SeriesHeader, type WishView } from './wishes';
import { sendQuietly, wishPlannedMail } from './wishes-mail';

/**
 * The organizers' side of topic wishes: triage, a wish made a meeting's focus topic in one step,
 * deleting comments; planning a wish tells its followers once, after the transaction decided it.
 */

export const TriageWish = z.strictObject({
	status: z.enum(wishStatuses),
	reason: optionalText(1000)
});

const meetingNumber = z.preprocess(
	(value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
	z.int().min(1).max(999_999_999)
);
const time = z.string().trim().regex(TIME_PATTERN);

/** Either an existing meeting of the series by number, or a new one with its date and times. */
export const MakeMeetingTopic = z.discriminatedUnion('target', [
	z.strictObject({ target: z.literal('existing'), number: meetingNumber }),
	z.strictObject({ target: z.literal('new'), date: z.iso.date(), start: time, end: time })
]);

export interface ManagedWishes {
	series: SeriesHeader;
	wishes: (WishView & { nextStatuses: WishStatus[] })[];
	meetings: { number: number; title: string; topicTitle: string | null }[];
}

export async function listWishesForTriage(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<ManagedWishes> {
	const series = await requireManagedSeries(db, actor, slug);
	const [wishes, meetings] = await Promise.all([
		repo.listWishes(db, series.id),
		meetingsRepo.listMeetings(db, series.id, { publishedOnly: false })
	]);
	return {
		series: seriesHeader(series),
		wishes: wishes
			.sort(compareWishes)
			.map((wish) => ({ ...toWishView(series, wish, true), nextStatuses: nextStatuses(wish.status) })),
		meetings: meetings.map((meeting) => ({
			number: meeting.number,
			title: formatMeetingTitle(meeting.number, series.meetingNoun),
			topicTitle: meeting.topicTitle
		}))
	};
}

async function managedWish(db: Kysely<Database>, actor: Actor, slug: string, wishId: string) {
	const series = await requireManagedSeries(db, actor, slug);
	const wish = z.uuid().safeParse(wishId).success ? await repo.findWish(db, series.id, wishId) : undefined;
	if (!wish) throw notFound('wishes.notFound');
	return { series, wish };
}

export interface NotifyOptions {
	publicOrigin: string;
	now?: Date;
}

/** Triage: new, planned, taken up, declined (with a reason shown publicly). Planned tells followers. */
export async function triageWish(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: NotifyOptions
): Promise<{ status: WishStatus; notified: number }> {
	const { series, wish } = await managedWish(db, actor, slug, wishId);
	const data = parseOrThrow(TriageWish, input);
	const reason = data.reason ?? null;
	const refusal = checkTriage(wish.status, data.status, reason);
	if (refusal)
		throw validationFailed([
			problem(refusal === 'wishes.triage.reasonRequired' ? '/reason' : '/status', refusal)
		]);
	const now = (options.now ?? new Date()).toISOString();
	const followers = await db.transaction().execute(async (trx) => {
		await repo.setWishStatus(trx, wish.id, {
			status: data.status,
			declineReason: data.status === 'declined' ? reason : null,
			now
		});
		return data.status === 'planned' ? votesRepo.claimFollowersToNotify(trx, wish.id, now) : [];
	});
	const meeting =
		wish.meetingNumber !== null ? { number: wish.meetingNumber, isPublished: wish.isMeetingPublished } : null;
	const notified = await notifyFollowers(db, mailer, series, wish, meeting, followers, options);
	return { status: data.status, notified };
}

async function notifyFollowers(
	db: Kysely<Database>,
	mailer: Mailer,
	series: SeriesRecord,
	wish: { id: string; title: string },
	meeting: { number: number; isPublished: boolean } | null,
	followers: votesRepo.FollowerRecord[],
	options: NotifyOptions
): Promise<number> {
	let sent = 0;
	for (const follower of followers) {
		const locale: Locale = isLocale(follower.locale) ? follower.locale : 'de';
		const mail = wishPlannedMail(locale, {
			wishTitle: wish.title,
			seriesTitle: series.title,
			meeting: meeting ? formatMeetingTitle(meeting.number, series.meetingNoun) : null,
			meetingUrl: meeting ? `${options.publicOrigin}/series/${series.slug}/${meeting.number}` : null,
			wishUrl: wishUrl(options.publicOrigin, series.slug, wish.id)
		});
		if (await sendQuietly(db, mailer, { to: follower.emailNormalized, kind: 'wish-planned', ...mail }))
			sent += 1;
	}
	return sent;
}

/**
 * One step: the wish becomes the focus topic of an existing meeting (its topic title; the
 * summary too when the meeting has none yet) or of a new meeting, is marked planned and linked
 * to that meeting, all in one transaction; then its followers are told, once each.
 */
export async function makeWishMeetingTopic(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: NotifyOptions
): Promise<{ meetingNumber: number; notified: number }> {
	const { series, wish } = await managedWish(db, actor, slug, wishId);
	const data = parseOrThrow(MakeMeetingTopic, input);
	if (wish.status === 'declined') throw conflict('wishes.topic.declined');
	const now = (options.now ?? new Date()).toISOString();
	if (data.target === 'new') {
		const problems = checkMeetingTimes(data).map((timing) =>
			problem(`/${timing.field}`, timing.key, timing.params)
		);
		if (problems.length) throw validationFailed(problems);
	}
	const { meeting, followers } = await db.transaction().execute(async (trx) => {
		let target: meetingsRepo.MeetingRecord | undefined;
		if (data.target === 'existing') {
			target = await meetingsRepo.findMeeting(trx, series.id, data.number);
			if (!target)
				throw validationFailed([problem('/number', 'wishes.topic.noSuchMeeting', { number: data.number })]);
			await lockMeeting(trx, target.id);
			await meetingsRepo.updateMeeting(
				trx,
				target.id,
				{
					...target,
					topicTitle: wish.title,
					topicSummary: target.topicSummary.length ? target.topicSummary : [wish.body]
				},
				now
			);
		} else {
			const fields: meetingsRepo.MeetingFields = {
				number: await meetingsRepo.nextFreeNumber(trx, series.id),
				date: data.date,
				start: data.start,
				end: data.end,
				timeZone: DEFAULT_TIME_ZONE,
				venueMode: 'online',
				venuePlatform: null,
				venueUrl: null,
				venueAddress: null,
				topicTitle: wish.title,
				topicSummary: [wish.body],
				topicGuidingQuestions: [],
				outlookText: [],
				topicWishesContact: null
			};
			const id = randomUUID();
			try {
				await meetingsRepo.insertMeeting(trx, { id, seriesId: series.id, now, fields });
			} catch (error) {
				if (isUniqueViolation(error)) throw conflict('meeting.numberTaken', { number: fields.number });
				throw error;
			}
			target = await meetingsRepo.findMeeting(trx, series.id, fields.number);
			if (!target) throw notFound('meeting.notFound');
		}
		await repo.setWishStatus(trx, wish.id, {
			status: 'planned',
			declineReason: null,
			meetingId: target.id,
			now
		});
		return { meeting: target, followers: await votesRepo.claimFollowersToNotify(trx, wish.id, now) };
	});
	const notified = await notifyFollowers(
		db,
		mailer,
		series,
		wish,
		{ number: meeting.number, isPublished: meeting.publishedAt !== null },
		followers,
		options
	);
	return { meetingNumber: meeting.number, notified };
}

export async function deleteWishComment(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	wishId: string,
	commentId: string
): Promise<void> {
	const { wish } = await managedWish(db, actor, slug, wishId);
	if (!(await repo.deleteComment(db, wish.id, commentId))) throw notFound('wishes.notFound');
}
