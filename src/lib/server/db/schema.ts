/**
 * The one hand-written Kysely `Database` interface.
 *
 * Storage conventions (the same on SQLite and PostgreSQL):
 * - ids are text (UUIDs made by the app); public handles (series slug, person key) are separate columns;
 * - timestamps are ISO-8601 UTC text; local meeting times are `HH:MM` text with the meeting's time zone;
 * - booleans are integers 0/1, converted in `./booleans.ts` only;
 * - short lists of strings (paragraphs, guiding questions) are JSON text, converted in `./json-columns.ts`.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** 0 or 1; see ./booleans.ts */
export type BoolInt = number;
/** JSON text holding a string array; see ./json-columns.ts */
export type JsonStringArray = string;

export interface OrganizationTable {
	id: string;
	slug: string;
	name: string;
	email: string | null;
	website: string | null;
	created_at: string;
}

export interface UserTable {
	id: string;
	email: string;
	display_name: string;
	password_hash: string | null;
	is_admin: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	created_at: string;
	disabled_at: string | null;
}

/** An account's role in an organization. Today only `organizer`; later roles join here. */
export interface MembershipTable {
	user_id: string;
	organization_id: string;
	role: string;
	created_at: string;
}

export interface SessionTable {
	/** SHA-256 of the cookie value: a leaked database does not leak live sessions. */
	id_hash: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

export interface ApiTokenTable {
	id: string;
	user_id: string;
	name: string;
	token_hash: string;
	token_prefix: string;
	created_at: string;
	last_used_at: string | null;
}

export interface SeriesTable {
	id: string;
	slug: string;
	organization_id: string;
	title: string;
	meeting_noun: string;
	meeting_noun_genitive: string;
	audience: string;
	language: string;
	organizer_name: string;
	organizer_email: string | null;
	organizer_website: string | null;
	format_description: JsonStringArray;
	funding_lead: string | null;
	funding_funder: JsonStringArray | null;
	published_at: string | null;
	created_at: string;
	updated_at: string;
	/** The privacy notice shown on registration pages (text the organizer edits). */
	privacy_notice: string | null;
	/** Months after a meeting until its registrations' personal data is deleted or anonymized. */
	retention_months: ColumnType<number, number | undefined, number>;
}

export interface MeetingTable {
	id: string;
	series_id: string;
	number: number;
	date: string;
	start_time: string;
	end_time: string;
	time_zone: string;
	venue_mode: string;
	venue_platform: string | null;
	venue_url: string | null;
	venue_address: string | null;
	topic_title: string | null;
	topic_summary: JsonStringArray;
	topic_guiding_questions: JsonStringArray;
	outlook_text: JsonStringArray;
	topic_wishes_contact: string | null;
	findings: JsonStringArray;
	published_at: string | null;
	created_at: string;
	updated_at: string;
	/** Places; null means no limit. Beyond it, registrations go on the waiting list. */
	capacity: number | null;
	is_registration_open: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	remind_day_before: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	remind_hour_before: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
}

/** Public roles printed by name: moderation and documentation authors (personRef in the format). */
export interface MeetingCreditTable {
	id: string;
	meeting_id: string;
	role: string;
	position: number;
	person_key: string;
	name: string;
	organization: string | null;
}

export interface PersonTable {
	id: string;
	meeting_id: string;
	person_key: string;
	position: number;
	name: string;
	organization: string | null;
	municipality: string | null;
	ags: string | null;
	job_role: string | null;
	email: string | null;
	is_registered: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	has_attended: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	consent_participant_list: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	consent_share_email: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	status: string | null;
	user_id: string | null;
}

export interface AgendaItemTable {
	id: string;
	meeting_id: string;
	position: number;
	start_time: string;
	end_time: string;
	kind: string;
	title: string;
	details: JsonStringArray;
	poll_id: string | null;
	breakout_round_id: string | null;
}

export interface AgendaItemSpeakerTable {
	agenda_item_id: string;
	person_id: string;
	position: number;
}

export interface PollTable {
	id: string;
	meeting_id: string;
	poll_key: string;
	position: number;
	title: string;
	is_anonymous: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	/** draft | open | closed: the live issue moves polls through these. */
	state: ColumnType<string, string | undefined, string>;
}

export interface PollQuestionTable {
	id: string;
	poll_id: string;
	question_key: string;
	position: number;
	text: string;
	kind: string;
	scale_min: number | null;
	scale_max: number | null;
	scale_min_label: string | null;
	scale_max_label: string | null;
	max_choices: number | null;
	/** Respondents carried in from an import; live answers add to it. Null: no results recorded. */
	imported_respondents: number | null;
}

export interface PollOptionTable {
	id: string;
	question_id: string;
	option_key: string;
	position: number;
	label: string;
}

/** Imported result aggregates per answer key (an option key, or a scale value as text). */
export interface PollResultCountTable {
	question_id: string;
	answer_key: string;
	count: number;
}

export interface PollResultTextTable {
	id: string;
	question_id: string;
	position: number;
	text: string;
	is_hidden: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
}

export interface BreakoutRoundTable {
	id: string;
	meeting_id: string;
	round_key: string;
	position: number;
	title: string;
	description: string | null;
	questions: JsonStringArray;
	synthesis: JsonStringArray;
	/** The board's columns (JSON list); empty means the default columns (domain/breakouts/config.ts). */
	columns: ColumnType<JsonStringArray, JsonStringArray | undefined, JsonStringArray>;
	/** Exactly one of room_count and room_size is set for a configured round; both null for imported ones. */
	room_count: number | null;
	room_size: number | null;
	duration_minutes: ColumnType<number, number | undefined, number>;
	/** random | mixed | self | manual */
	assignment_mode: ColumnType<string, string | undefined, string>;
	dots_per_person: ColumnType<number, number | undefined, number>;
	/** How often the assignment was run: seeds the next draw. */
	assignment_runs: ColumnType<number, number | undefined, number>;
	/** draft | running | closed */
	status: ColumnType<string, string | undefined, string>;
	started_at: string | null;
	ends_at: string | null;
	agenda_item_id: string | null;
	/** The moderator's last message to every room of the running round, and when it was sent. */
	broadcast_text: string | null;
	broadcast_at: string | null;
	/** When the rooms were warned that the round ends in a minute (set once, by whoever gets there first). */
	warned_at: string | null;
	closed_at: string | null;
	/** Grows with every change of who is in which room. */
	assignment_revision: ColumnType<number, number | undefined, number>;
}

export interface BreakoutRoomTable {
	id: string;
	round_id: string;
	position: number;
	name: string;
	/** What the room talks about (self-chosen rooms are picked by it). */
	topic: string | null;
	/** Most people the room takes; null: no cap. */
	cap: number | null;
	rapporteur_person_id: string | null;
}

export interface BreakoutRoomMemberTable {
	room_id: string;
	person_id: string;
	position: number;
}

/** A live guest (a live participant without a person row) in a room. */
export interface BreakoutRoomGuestTable {
	room_id: string;
	participant_id: string;
	position: number;
}

export interface BoardCardTable {
	id: string;
	room_id: string;
	position: number;
	text: string;
	column_name: string | null;
	/** Dot votes carried in from an import; live dot votes will add to it. */
	vote_count: ColumnType<number, number | undefined, number>;
	author_person_id: string | null;
	created_at: string;
	/** Raised by every edit; an edit names the version it was based on (optimistic concurrency). */
	version: ColumnType<number, number | undefined, number>;
	updated_at: string | null;
	/** A live guest's card (no person row). */
	author_participant_id: string | null;
	cluster_id: string | null;
}

/** A group of cards a moderator forms in the plenary synthesis of a round. */
export interface BoardClusterTable {
	id: string;
	round_id: string;
	position: number;
	label: string;
	created_at: string;
}

/** One dot vote: one per card and voter (`person:ID` or `participant:ID`). */
export interface BoardCardVoteTable {
	card_id: string;
	round_id: string;
	voter_key: string;
	person_id: string | null;
	participant_id: string | null;
	created_at: string;
}

export interface AttachmentTable {
	id: string;
	meeting_id: string;
	position: number;
	title: string;
	kind: string;
	file_path: string | null;
	media_type: string | null;
	agenda_item_id: string | null;
}

export interface AttachmentPresenterTable {
	attachment_id: string;
	person_id: string;
	position: number;
}

export interface NetworkTable {
	id: string;
	organization_id: string;
	network_key: string;
	name: string;
	kind: string;
	municipality: string | null;
	ags: string | null;
	district: string | null;
	scope: string | null;
	description: string | null;
	partners: JsonStringArray;
	origin: string | null;
	challenges: string | null;
	founded: number | null;
	website: string | null;
	contact_name: string | null;
	contact_email: string | null;
	contact_phone: string | null;
	created_at: string;
	updated_at: string;
	/** Directory (2026-12-04T1000): `suggested`, `published` or `rejected`. */
	status: Generated<string>;
	/** The permanent link `/netzwerke/{slug}`; set when the entry is indexed. */
	slug: string | null;
	topics: Generated<JsonStringArray>;
	address: string | null;
	/** 1 when the contact person agreed to be named; without it the name is never shown. */
	contact_name_consent: Generated<number>;
	district_ags: string | null;
	last_checked: string | null;
	/** normalizeForSearch(name, kind, description, topics, place): what the full-text search indexes. */
	search_text: Generated<string>;
	/** Only for questions back about a suggestion; never shown or exported. */
	suggester_email: string | null;
}

/** The history of a directory entry: who changed what, when. */
export interface NetworkEntryChangeTable {
	id: string;
	network_id: string;
	changed_at: string;
	user_id: string | null;
	actor_label: string;
	action: string;
	details: string;
}

export interface MeetingNetworkTable {
	meeting_id: string;
	network_id: string;
	position: number;
	/** Directory (2026-12-04T1000): the agenda item where the network was presented, if known. */
	agenda_item_id: string | null;
}

/** A generated documentation: a frozen snapshot of the meeting document, rendered on request. */
export interface DocumentationVersionTable {
	id: string;
	meeting_id: string;
	version: number;
	lang: string;
	/** The meeting document (exchange format, JSON) as it was when the version was made. */
	snapshot: string;
	created_at: string;
	created_by: string | null;
	/** Set on the one published version of a meeting. */
	published_at: string | null;
}

/** An uploaded file (slides …), stored under DATA_DIR/uploads, belonging to one attachment. */
export interface StoredFileTable {
	id: string;
	attachment_id: string;
	original_name: string;
	media_type: string;
	size_bytes: number;
	sha256: string;
	/** Path relative to DATA_DIR/uploads. */
	storage_key: string;
	created_at: string;
}

/**
 * A registration's workflow; the person row (people) holds name, organization, email, consents,
 * status, registered and attended, so that registrations flow into the exchange format.
 */
export interface RegistrationTable {
	id: string;
	meeting_id: string;
	person_id: string;
	email_normalized: string;
	/** invited | pending | confirmed | waiting | cancelled (kept equal to people.status) */
	status: string;
	/** self | organizer | invitation | api */
	source: string;
	locale: string;
	confirm_token_hash: string | null;
	confirm_expires_at: string | null;
	/** For the links in mails (cancel, change consents, see and delete one's data) without an account. */
	manage_token_hash: string;
	created_at: string;
	confirmed_at: string | null;
	cancelled_at: string | null;
	waiting_since: string | null;
	reminded_day_at: string | null;
	reminded_hour_at: string | null;
	anonymized_at: string | null;
	/** Details and consents someone registered with again, as JSON; they apply when the owner confirms. */
	pending_changes: string | null;
	/** The link that confirms `pending_changes` (SHA-256), and until when it does. */
	change_token_hash: string | null;
	change_expires_at: string | null;
}

export interface MagicLinkTable {
	id: string;
	email: string;
	token_hash: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface MailLogTable {
	id: string;
	meeting_id: string | null;
	kind: string;
	recipient: string;
	subject: string;
	/** smtp | outbox */
	transport: string;
	/** The .eml file under DATA_DIR/outbox when written there. */
	file_name: string | null;
	message_id: string | null;
	created_at: string;
}

export interface AuditLogTable {
	id: string;
	at: string;
	actor_user_id: string | null;
	actor_label: string;
	action: string;
	meeting_id: string | null;
	/** JSON object */
	details: string;
}

/** A meeting's live session: its join code and what is current for everyone in it. */
export interface LiveSessionTable {
	meeting_id: string;
	/** Six digits, unique among sessions; shown as "482 913". */
	join_code: string;
	allows_guests: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	is_active: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	current_agenda_item_id: string | null;
	message: string | null;
	countdown_ends_at: string | null;
	results_visible_poll_id: string | null;
	/** Sequence number of the meeting's last live event (see live_events). */
	last_event_seq: ColumnType<number, number | undefined, number>;
	started_at: string;
	updated_at: string;
}

/** Someone in a live session: a guest (cookie token, stored hashed) or a signed-in user. */
export interface LiveParticipantTable {
	id: string;
	meeting_id: string;
	display_name: string;
	user_id: string | null;
	token_hash: string | null;
	created_at: string;
}

/** One live answer; `slot` is 0, or the option's index for multiple choice. */
export interface PollVoteTable {
	id: string;
	question_id: string;
	participant_id: string;
	slot: number;
	answer: string;
	is_hidden: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	created_at: string;
}

/** The meeting's live events, numbered per meeting, for server-sent event replay. */
export interface LiveEventTable {
	meeting_id: string;
	seq: number;
	type: string;
	/** JSON */
	payload: string;
	created_at: string;
}

/** A per-meeting role granted to an account (today `moderator`), by an organizer. */
export interface MeetingRoleTable {
	meeting_id: string;
	user_id: string;
	/** moderator */
	role: string;
	/** The account that granted it; null once that account is deleted. */
	granted_by: string | null;
	created_at: string;
}

/** A topic wish for a series ("Themenwunsch"): anyone submits, the series' organizers triage. */
export interface TopicWishTable {
	id: string;
	series_id: string;
	title: string;
	body: string;
	author_name: string | null;
	/** The author chose to be named publicly (consent); the email is never shown. */
	show_author_name: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	author_email: string | null;
	author_user_id: string | null;
	/** new | planned | taken-up | declined (see domain/wishes/rules.ts) */
	status: ColumnType<string, string | undefined, string>;
	/** Shown publicly when declined. */
	decline_reason: string | null;
	/** The meeting whose focus topic the wish became. */
	meeting_id: string | null;
	created_at: string;
	updated_at: string;
}

/** One vote per person and wish: unique (wish_id, voter_key); counts once confirmed. */
export interface TopicWishVoteTable {
	id: string;
	wish_id: string;
	/** `email:<normalized address>`: an account votes with its own address. */
	voter_key: string;
	user_id: string | null;
	confirm_token_hash: string | null;
	confirm_expires_at: string | null;
	confirmed_at: string | null;
	created_at: string;
}

/** Someone who wants one mail when the wish is planned; confirmed by a link (or an account). */
export interface TopicWishFollowerTable {
	id: string;
	wish_id: string;
	email_normalized: string;
	locale: string;
	confirm_token_hash: string | null;
	confirm_expires_at: string | null;
	confirmed_at: string | null;
	/** When the one mail went out. */
	notified_at: string | null;
	created_at: string;
}

export interface TopicWishCommentTable {
	id: string;
	wish_id: string;
	body: string;
	author_name: string | null;
	show_author_name: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	author_user_id: string | null;
	created_at: string;
}

/** A good practice entry ("Gute Praxis"): what and how, where, whom to ask (with consent). */
export interface GoodPracticeTable {
	id: string;
	organization_id: string;
	title: string;
	what: string;
	how: string;
	municipality: string | null;
	/** Amtlicher Gemeindeschlüssel from reference-data/. */
	ags: string | null;
	contact_name: string | null;
	contact_email: string | null;
	/** The contact agreed to be named publicly; without it the contact is never shown. */
	contact_consent: ColumnType<BoolInt, BoolInt | undefined, BoolInt>;
	topics: JsonStringArray;
	published_at: string | null;
	created_at: string;
	updated_at: string;
}

/** Where a good practice came from: kind + id, loose (no foreign key); see the migration. */
export interface GoodPracticeLinkTable {
	good_practice_id: string;
	/** meeting | agenda-item | attachment | board-card | network */
	kind: string;
	target_id: string;
}

export interface Database {
	organizations: OrganizationTable;
	users: UserTable;
	memberships: MembershipTable;
	sessions: SessionTable;
	api_tokens: ApiTokenTable;
	series: SeriesTable;
	meetings: MeetingTable;
	meeting_credits: MeetingCreditTable;
	people: PersonTable;
	agenda_items: AgendaItemTable;
	agenda_item_speakers: AgendaItemSpeakerTable;
	polls: PollTable;
	poll_questions: PollQuestionTable;
	poll_options: PollOptionTable;
	poll_result_counts: PollResultCountTable;
	poll_result_texts: PollResultTextTable;
	breakout_rounds: BreakoutRoundTable;
	breakout_rooms: BreakoutRoomTable;
	breakout_room_members: BreakoutRoomMemberTable;
	breakout_room_guests: BreakoutRoomGuestTable;
	board_cards: BoardCardTable;
	attachments: AttachmentTable;
	attachment_presenters: AttachmentPresenterTable;
	networks: NetworkTable;
	meeting_networks: MeetingNetworkTable;
	documentation_versions: DocumentationVersionTable;
	stored_files: StoredFileTable;
	registrations: RegistrationTable;
	magic_links: MagicLinkTable;
	mail_log: MailLogTable;
	audit_log: AuditLogTable;
	live_sessions: LiveSessionTable;
	live_participants: LiveParticipantTable;
	poll_votes: PollVoteTable;
	live_events: LiveEventTable;
	meeting_roles: MeetingRoleTable;
	network_entry_changes: NetworkEntryChangeTable;
	/** SQLite only (FTS5): the directory's search index; PostgreSQL indexes networks.search_text. */
	network_search: { network_id: string; body: string };
	topic_wishes: TopicWishTable;
	topic_wish_votes: TopicWishVoteTable;
	topic_wish_followers: TopicWishFollowerTable;
	topic_wish_comments: TopicWishCommentTable;
	good_practices: GoodPracticeTable;
	good_practice_links: GoodPracticeLinkTable;
	board_clusters: BoardClusterTable;
	board_card_votes: BoardCardVoteTable;
}

export type SeriesRow = Selectable<SeriesTable>;
export type NewSeriesRow = Insertable<SeriesTable>;
export type SeriesUpdate = Updateable<SeriesTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type NewMeetingRow = Insertable<MeetingTable>;
export type MeetingUpdate = Updateable<MeetingTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;
export type PersonRow = Selectable<PersonTable>;
export type UserRow = Selectable<UserTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
