-- Linking across articles: near-duplicates, stories, one event or quote
-- reported by many articles. The linker's state lives in these tables;
-- its results also go to articles.story, articles.duplicate_of, stories
-- and quotes.cluster. The link tables carry no foreign keys: an article
-- replaced by a new version keeps its old link rows until it is linked
-- again, which is how the linker learns which stories it has left.

-- The linker's profile of each linked article (an encoding only the
-- linker reads), and the index keys it is filed under.
CREATE TABLE link_nodes (
	article      TEXT PRIMARY KEY,
	story        TEXT, -- copies of articles.story and duplicate_of, which
	duplicate_of TEXT, -- sit behind the article's text in its row
	state        BLOB NOT NULL,
	keys         BLOB NOT NULL -- the keys below, 8 bytes each, to delete them
);

CREATE TABLE link_keys (
	key     INTEGER NOT NULL,
	article TEXT NOT NULL,
	PRIMARY KEY (key, article)
) WITHOUT ROWID;

-- Story membership: a live blog that follows several happenings belongs to
-- several stories; articles.story holds its main one.
CREATE TABLE link_members (
	story   TEXT NOT NULL,
	article TEXT NOT NULL,
	PRIMARY KEY (story, article)
) WITHOUT ROWID;

CREATE INDEX link_members_article ON link_members (article);

-- Events reported by several articles: one row per linked event with its
-- merged export record, written as the record of its representative
-- report (article, idx); and the cluster of each report in it. Events in
-- no row of link_events are reported once and exported as they are.
CREATE TABLE event_clusters (
	id      TEXT PRIMARY KEY,
	story   TEXT NOT NULL,
	article TEXT NOT NULL,
	idx     INTEGER NOT NULL,
	record  TEXT NOT NULL
);

CREATE INDEX event_clusters_story ON event_clusters (story);

CREATE TABLE link_events (
	article TEXT NOT NULL,
	idx     INTEGER NOT NULL,
	cluster TEXT NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE INDEX link_events_cluster ON link_events (cluster);

-- One row per linked event: the merged record of a cluster, or the event
-- itself when it is in none.
CREATE VIEW linked_events AS
	SELECT e.article, e.idx, e.record FROM events e
	WHERE NOT EXISTS (SELECT 1 FROM link_events m WHERE m.article = e.article AND m.idx = e.idx)
	UNION ALL
	SELECT c.article, c.idx, c.record FROM event_clusters c;

-- The articles of each story: its members, and articles whose story was
-- set without the linker.
CREATE VIEW story_articles AS
	SELECT story, article FROM link_members
	UNION
	SELECT story, id AS article FROM articles WHERE story IS NOT NULL;
