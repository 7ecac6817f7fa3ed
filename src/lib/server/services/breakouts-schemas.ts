import { z } from 'zod';
import { MAX_CARD_LENGTH } from '../../domain/breakouts/cards';
import { assignmentModes, MAX_COLUMNS, MAX_ROOMS } from '../../domain/breakouts/config';
import { splitParagraphs } from '../../domain/meeting-display';

/** Breakout rounds' input schemas, one per use case (see breakouts.ts). */

const blankAsUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;
const RowId = z.string().trim().min(1).max(100);
const RoundKey = z.string().trim().min(1).max(100);
const Count = (max: number) =>
	z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(max).optional());
/** One entry per line (forms) or a list (API). */
const Lines = (max: number, length: number) =>
	z.preprocess(
		(value) =>
			typeof value === 'string'
				? value
						.split(/\r?\n/)
						.map((line) => line.trim())
						.filter(Boolean)
				: value,
		z.array(z.string().trim().min(1).max(length)).max(max)
	);
/** Paragraphs separated by blank lines (forms) or a list (API). */
const Paragraphs = z.preprocess(
	(value) => (typeof value === 'string' ? splitParagraphs(value) : value),
	z.array(z.string().trim().min(1).max(5000)).max(100)
);
const OptionalText = (max: number) => z.preprocess(blankAsUndefined, z.string().trim().max(max).optional());

const roundFields = {
	title: z.string().trim().min(1).max(300),
	description: OptionalText(5000),
	questions: Lines(20, 1000).optional(),
	columns: Lines(MAX_COLUMNS, 100).optional(),
	/** Exactly one of roomCount and roomSize. */
	roomCount: Count(MAX_ROOMS),
	roomSize: Count(500),
	durationMinutes: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(600).optional()),
	mode: z.enum(assignmentModes).default('random'),
	dotsPerPerson: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).max(50).optional())
};

export const CreateRound = z.strictObject(roundFields);
export type CreateRound = z.infer<typeof CreateRound>;
export const UpdateRound = z.strictObject({ round: RoundKey, ...roundFields });
export type UpdateRound = z.infer<typeof UpdateRound>;
export const DeleteRound = z.strictObject({ round: RoundKey });
export const RunAssignment = z.strictObject({
	round: RoundKey,
	/** Optional: the same seed gives the same rooms; without one each run draws anew. */
	seed: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).optional())
});
export const MovePerson = z.strictObject({
	round: RoundKey,
	personId: RowId,
	/** Empty: out of every room of the round. */
	roomId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const PlaceLateJoiner = z.strictObject({
	round: RoundKey,
	personId: RowId,
	/** Self-chosen rounds: the room the person picked. */
	roomId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const ChooseRoom = z.strictObject({ round: RoundKey, roomId: RowId });
export const UpdateRoom = z.strictObject({
	round: RoundKey,
	roomId: RowId,
	name: z.string().trim().min(1).max(200),
	topic: OptionalText(500),
	cap: Count(500),
	rapporteurPersonId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const AddCard = z.strictObject({
	round: RoundKey,
	roomId: RowId,
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH),
	column: OptionalText(100)
});
export const EditCard = z.strictObject({
	cardId: RowId,
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH),
	column: OptionalText(100),
	/** The version the edit was based on. */
	version: z.coerce.number().int().min(1)
});
export const CardRef = z.strictObject({ cardId: RowId });
export const CreateCluster = z.strictObject({ round: RoundKey, label: z.string().trim().min(1).max(200) });
export const DeleteCluster = z.strictObject({ round: RoundKey, clusterId: RowId });
export const SetCardCluster = z.strictObject({
	cardId: RowId,
	clusterId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const WriteSynthesis = z.strictObject({ round: RoundKey, synthesis: Paragraphs });
export const WriteFindings = z.strictObject({ findings: Paragraphs });
export const ExportAssignment = z.strictObject({ round: RoundKey, format: z.enum(['zoom', 'csv', 'xlsx']) });
