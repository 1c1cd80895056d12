// Package link is the pipeline's linking stage: it connects what separate
// articles report, so that counts mean something. One kidnapping reported
// by two hundred articles is one event with two hundred pieces of
// evidence, not two hundred events.
//
// It reads stored articles (*news.Article with their mentions, events and
// quotes) through the small Store interface, which *store.DB satisfies,
// and writes back through it:
//
//   - near-duplicates: syndicated and lightly edited copies of one wire
//     story, found with MinHash over word shingles, each pointing at its
//     original (news.Article.DuplicateOf): the first copy in canonical
//     order (publication time, then id);
//   - stories: articles about one real-world happening and its follow-ups
//     (news.Story), from shared names, places, numbers, words and dates;
//     a live blog belongs to the story of each happening it follows;
//   - linked events: reports of one event within a story merged into one
//     news.Event whose evidence lists every reporting sentence, whose
//     SourceCount counts independent publishers and whose quantities keep
//     the range reported;
//   - quote clusters: the same statement in several articles of a story
//     (news.Quote.Cluster);
//   - timelines: Timeline orders the linked events in which one entity
//     takes part by their dates.
//
// The pipeline calls Linker.LinkSaved with each batch it has stored (or
// Linker.Link with the ids of a batch). Linking is incremental and its
// results do not depend on the order in which articles arrive; Link
// documents how.
//
// Its knowledge (stopwords, PLOVER type families) is in the embedded data
// files stopwords.txt and families.tsv. link imports news, store (for the
// record types of its Store interface) and the standard library; it must
// not import the pipeline, ingest, extract, resolve or net/http.
package link
