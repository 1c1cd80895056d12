-- Chronicle's schema. Every record table is keyed by (article, idx), idx
-- being the record's position in its article (a sentence's own index for
-- sentences), and its rows go with their article (ON DELETE CASCADE), so
-- replacing an article is one DELETE and the INSERTs of its new version.
-- The foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED):
-- checked per statement, they would make SQLite keep a statement journal
-- for every multi-row INSERT. Empty strings are stored as NULL. Events and
-- quotes keep their export record as JSON in record; their other columns
-- are copies for filtering and sorting.

CREATE TABLE articles (
	id           TEXT PRIMARY KEY,
	hash         TEXT NOT NULL,
	url          TEXT,
	source       TEXT,
	title        TEXT,
	published    TEXT, -- RFC 3339 with the input's UTC offset
	dateline     TEXT,
	byline       TEXT,
	author       TEXT,
	input        TEXT,
	text         TEXT NOT NULL,
	removed      TEXT, -- JSON array of removals
	story        TEXT,
	duplicate_of TEXT,
	ingested_at  TEXT NOT NULL
);

CREATE INDEX articles_story ON articles (story, id) WHERE story IS NOT NULL;

CREATE TABLE sentences (
	article    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
	article    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	idx        INTEGER NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	text       TEXT NOT NULL,
	type       TEXT,
	sentence   INTEGER NOT NULL,
	rule       TEXT,
	ref        INTEGER NOT NULL,
	name       TEXT, -- the resolved actor: name, entity, country, sector, role
	entity     TEXT,
	country    TEXT,
	sector     TEXT,
	role       TEXT,
	place      TEXT, -- JSON location
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE INDEX mentions_entity ON mentions (entity) WHERE entity IS NOT NULL;

CREATE TABLE dates (
	article        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	idx            INTEGER NOT NULL,
	span_start     INTEGER NOT NULL,
	span_end       INTEGER NOT NULL,
	text           TEXT NOT NULL,
	date           TEXT,
	date_precision TEXT,
	rule           TEXT,
	sentence       INTEGER NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE INDEX dates_date ON dates (date);

CREATE TABLE events (
	article        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	idx            INTEGER NOT NULL,
	id             TEXT,
	type           TEXT,
	date           TEXT,
	source_entity  TEXT,
	source_country TEXT,
	target_entity  TEXT,
	target_country TEXT,
	record         TEXT NOT NULL,
	PRIMARY KEY (article, idx)
);

CREATE INDEX events_type_date ON events (type, date);
CREATE INDEX events_id ON events (id);

CREATE TABLE quotes (
	article        TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	idx            INTEGER NOT NULL,
	id             TEXT,
	kind           TEXT,
	speaker_entity TEXT,
	cluster        TEXT,
	record         TEXT NOT NULL,
	PRIMARY KEY (article, idx)
);

CREATE INDEX quotes_speaker ON quotes (speaker_entity) WHERE speaker_entity IS NOT NULL;
CREATE INDEX quotes_cluster ON quotes (cluster) WHERE cluster IS NOT NULL;

CREATE TABLE stories (
	id    TEXT PRIMARY KEY,
	title TEXT,
	first TEXT,
	last  TEXT
);

CREATE TABLE failures (
	input      TEXT PRIMARY KEY,
	error      TEXT NOT NULL,
	attempts   INTEGER NOT NULL,
	first_seen TEXT NOT NULL,
	last_seen  TEXT NOT NULL
);
